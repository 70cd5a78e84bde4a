import { FilterForm } from "@/components/ui/filter-form";
import { buttonClasses } from "@/components/ui/button";
import { SearchField } from "@/components/ui/search-field";

interface ListSearchFormProps {
  /** The search box's id and label; the form's accessible name is the label too. */
  id: string;
  label: string;
  /** The list's own page: the search goes into its URL as `q`, and a cursor is dropped (a new search starts over). */
  action: string;
  query?: string;
  maxLength: number;
  placeholder: string;
}

/** A list's search (a GET form: the URL holds it; a client-side navigation re-renders the page only). */
export function ListSearchForm({ id, label, action, query, maxLength, placeholder }: ListSearchFormProps) {
  return (
    <FilterForm role="search" aria-label={label} action={action} scroll={false} className="flex flex-wrap items-end gap-3">
      <SearchField id={id} label={label} name="q" defaultValue={query} maxLength={maxLength} placeholder={placeholder} />
      <button type="submit" className={buttonClasses("secondary")}>
        Search
      </button>
    </FilterForm>
  );
}
