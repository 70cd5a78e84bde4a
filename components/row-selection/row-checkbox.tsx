// Plain inputs, no client code: a server-rendered table gets its checkboxes without a client component per row. They
// belong to RowSelection's form through their `form` attribute, wherever they sit in the table.

/** The name every row checkbox carries, which RowSelection reads. */
export const SELECTED_ROW = "selected";

const BOX = "size-4 shrink-0 cursor-pointer accent-brand-600";

/** One row's checkbox, named after what the row is ("Select ada@example.com"); its value is the row's id. */
export function RowCheckbox({ form, id, label }: { form: string; id: string; label: string }) {
  return (
    <label className="-m-1 inline-flex shrink-0 p-1">
      <input type="checkbox" form={form} name={SELECTED_ROW} value={id} data-label={label} className={BOX} />
      <span className="sr-only">Select {label}</span>
    </label>
  );
}

/** "Select all on this page", in the first column's header; RowSelection ticks or unticks every row with it. */
export function SelectAllCheckbox({ form }: { form: string }) {
  return (
    <label className="-m-1 inline-flex shrink-0 p-1">
      <input type="checkbox" form={form} data-select-all className={BOX} />
      <span className="sr-only">Select all on this page</span>
    </label>
  );
}

/** Where a row that cannot be selected would have its checkbox, so the first column stays aligned. */
export function RowCheckboxSpace() {
  return <span aria-hidden className="size-4 shrink-0" />;
}
