"use client";

import { useEffect } from "react";
import { Button } from "@/components/ui/button";

/** One row of a bulk action's report, as the domain answers it (lib/iam/invitations/bulk-invitations.ts, setUsersDisabled). */
export interface ReportRow {
  id: string;
  email: string | null;
  outcome: string;
  reason?: string;
}

/**
 * "2 invitations revoked, 1 skipped": each outcome that happened, in the order of `outcomes`, the first with the noun.
 * The toast and the report say the same.
 */
export function bulkSummary(rows: readonly ReportRow[], outcomes: readonly string[], noun: { one: string; many: string }): string {
  const parts = outcomes
    .map((outcome) => [outcome, rows.filter((row) => row.outcome === outcome).length] as const)
    .filter(([, count]) => count > 0)
    .map(([outcome, count], index) => (index === 0 ? `${count} ${count === 1 ? noun.one : noun.many} ${outcome}` : `${count} ${outcome}`));
  return `${parts.join(", ")}.`;
}

interface BulkReportProps {
  summary: string;
  rows: readonly ReportRow[];
  /** What a row is when the domain could not say whose it is (not found, or not for this reader to see). */
  unnamed: string;
  onDismiss: () => void;
  /** Set to the summary, which takes focus on mounting (a confirmation dialog then returns focus here too). */
  focusRef: React.RefObject<HTMLElement | null>;
  /** More to show once, e.g. the links of resent invitations when email is off. */
  children?: React.ReactNode;
}

/**
 * What the last bulk action did, above the list until dismissed: the counts, then every skipped row with its reason.
 * Mounted anew for each report (a key), so it takes focus each time.
 */
export function BulkReport({ summary, rows, unnamed, onDismiss, focusRef, children }: BulkReportProps) {
  const skipped = rows.filter((row) => row.outcome === "skipped");
  useEffect(() => focusRef.current?.focus(), [focusRef]);
  return (
    <section aria-label="Result" className="space-y-2 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800">
      <p
        ref={(element) => {
          focusRef.current = element;
        }}
        tabIndex={-1}
        role="status"
        className="font-medium outline-none"
      >
        {summary}
      </p>
      {skipped.length > 0 && (
        <ul className="list-disc space-y-1 pl-5">
          {skipped.map((row) => (
            <li key={row.id}>
              <span className="wrap-anywhere font-medium">{row.email ?? unnamed}</span>: {row.reason}
            </li>
          ))}
        </ul>
      )}
      {children}
      <Button variant="secondary" onClick={onDismiss}>
        Dismiss
      </Button>
    </section>
  );
}
