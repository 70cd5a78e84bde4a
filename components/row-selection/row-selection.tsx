"use client";

import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import { SELECTED_ROW } from "@/components/row-selection/row-checkbox";

export interface SelectedRow {
  id: string;
  /** What the row's checkbox is named after (an email). */
  label: string;
}

export interface Selection {
  rows: SelectedRow[];
  /** Unticks every row (once an action has reported, or "Clear"). */
  clear: () => void;
}

interface RowSelectionProps {
  /** The id of the form the rows' checkboxes name (RowCheckbox, SelectAllCheckbox). */
  formId: string;
  /** What may be done with the selection, shown after "N selected" while there is one. */
  toolbar: (selection: Selection) => React.ReactNode;
  /** Above the toolbar: the report of the last action. */
  header?: React.ReactNode;
  /**
   * Shown in the toolbar's place while nothing is selected, e.g. "Tick invitations to resend or revoke several at once";
   * absent when no row of the page can be selected (then there is no toolbar at all). Keeping the place taken means
   * the table does not jump down under the pointer at the first tick.
   */
  hint?: string;
  /** The table, rendered on the server with RowCheckbox in its rows. */
  children: React.ReactNode;
}

/**
 * The selection of a server-rendered list: one client component around the table that reads the checkboxes of its
 * form, instead of a client component per row. The ticks live in the DOM (uncontrolled inputs), which is the store
 * this subscribes to: a change, or new rows from the server (a page, a filter, the refresh after an action).
 */
export function RowSelection({ formId, toolbar, header, hint, children }: RowSelectionProps) {
  const container = useRef<HTMLDivElement>(null);
  const subscribe = useCallback(
    (notify: () => void) => {
      const element = container.current;
      if (!element) return () => {};
      const onChange = (event: Event) => {
        const target = event.target;
        const isSelectAll = target instanceof HTMLInputElement && target.form?.id === formId && target.dataset.selectAll !== undefined;
        if (isSelectAll) for (const box of checkboxesOf(formId).boxes) box.checked = target.checked;
        syncSelectAll(formId);
        notify();
      };
      const observer = new MutationObserver(() => {
        syncSelectAll(formId);
        notify();
      });
      element.addEventListener("change", onChange);
      observer.observe(element, { childList: true, subtree: true });
      return () => {
        element.removeEventListener("change", onChange);
        observer.disconnect();
      };
    },
    [formId],
  );
  // A string, so an unchanged selection is the same snapshot; empty on the server, where nothing is ticked.
  const snapshot = useSyncExternalStore(subscribe, () => selectedSnapshot(formId), () => "");
  const rows = useMemo(() => parseSnapshot(snapshot), [snapshot]);
  // A browser may restore ticks on Back before anything changes; the header's box follows them.
  useEffect(() => syncSelectAll(formId), [formId, snapshot]);

  const clear = useCallback(() => {
    for (const box of checkboxesOf(formId).boxes) box.checked = false;
    // Setting `checked` fires no change event: tell the store with one of our own.
    document.getElementById(formId)?.dispatchEvent(new Event("change", { bubbles: true }));
  }, [formId]);

  return (
    <div ref={container} className="space-y-3">
      {/* Empty: the checkboxes join it through their form attribute. Never submitted; the toolbar's buttons act. */}
      <form id={formId} hidden onSubmit={(event) => event.preventDefault()} />
      {header}
      {(hint !== undefined || rows.length > 0) && (
        <div className={cn("flex min-h-11 flex-wrap items-center gap-2 rounded-lg border px-3 py-1", rows.length ? "border-slate-200 bg-slate-50" : "border-transparent")}>
          <p role="status" className={rows.length ? "mr-2 text-sm font-medium text-slate-800" : "text-sm text-slate-600"}>
            {rows.length ? `${rows.length} selected` : hint}
          </p>
          {rows.length > 0 && (
            <>
              {toolbar({ rows, clear })}
              <Button
                variant="ghost"
                onClick={() => {
                  clear();
                  // The button goes with the selection; focus goes where selecting starts again.
                  focusSelectAll(formId);
                }}
              >
                Clear
              </Button>
            </>
          )}
        </div>
      )}
      {children}
    </div>
  );
}

/** Focus to "Select all on this page", where selecting starts, when what had it goes away (a dismissed report). */
export function focusSelectAll(formId: string) {
  checkboxesOf(formId).selectAll[0]?.focus();
}

function checkboxesOf(formId: string) {
  const form = document.getElementById(formId);
  const elements = form instanceof HTMLFormElement ? Array.from(form.elements) : [];
  const checkboxes = elements.filter((element): element is HTMLInputElement => element instanceof HTMLInputElement && element.type === "checkbox");
  return {
    boxes: checkboxes.filter((box) => box.name === SELECTED_ROW),
    selectAll: checkboxes.filter((box) => box.dataset.selectAll !== undefined),
  };
}

/** The header's box: ticked when every row is, half-ticked when some are. */
function syncSelectAll(formId: string) {
  const { boxes, selectAll } = checkboxesOf(formId);
  const ticked = boxes.filter((box) => box.checked).length;
  for (const box of selectAll) {
    box.checked = boxes.length > 0 && ticked === boxes.length;
    box.indeterminate = ticked > 0 && ticked < boxes.length;
  }
}

// Ids are uuids and labels emails: neither holds a tab or a newline.
function selectedSnapshot(formId: string): string {
  return checkboxesOf(formId)
    .boxes.filter((box) => box.checked)
    .map((box) => `${box.value}\t${box.dataset.label ?? box.value}`)
    .join("\n");
}

function parseSnapshot(snapshot: string): SelectedRow[] {
  if (!snapshot) return [];
  return snapshot.split("\n").map((line) => {
    const [id, label] = line.split("\t");
    return { id, label };
  });
}
