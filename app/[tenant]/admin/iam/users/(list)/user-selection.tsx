"use client";

import dynamic from "next/dynamic";
import { useRef, useState } from "react";
import { BulkReport } from "@/components/row-selection/bulk-report";
import { focusSelectAll, RowSelection } from "@/components/row-selection/row-selection";
import type { BulkUserRow } from "./actions";
import { userSummary } from "./user-bulk-summary";

// The toolbar's confirmation (Radix's alert dialog) is fetched when something is first selected, so the Users page's
// first-load JavaScript stays within its budget (npm run bench -- --check); "N selected" and Clear show meanwhile.
const UserBulkToolbar = dynamic(() => import("./user-bulk-toolbar").then((module) => module.UserBulkToolbar), { ssr: false });

interface UserSelectionProps {
  tenant: string;
  /** The form the rows' checkboxes name (RowCheckbox in page.tsx). */
  formId: string;
  /** Some row of this page has a checkbox. */
  hasSelectable: boolean;
  children: React.ReactNode;
}

/** The Users tab's selection around its server-rendered table: Disable and Enable, and the report of the last one. */
export function UserSelection({ tenant, formId, hasSelectable, children }: UserSelectionProps) {
  const [report, setReport] = useState<{ key: number; rows: BulkUserRow[] } | null>(null);
  // The report's summary once it mounts; the toolbar's confirmation returns focus to whatever this holds.
  const returnFocusRef = useRef<HTMLElement>(null);
  const showReport = (rows: BulkUserRow[]) => setReport((last) => ({ key: (last?.key ?? 0) + 1, rows }));

  return (
    <RowSelection
      formId={formId}
      hint={hasSelectable ? "Tick users to disable or enable several at once." : undefined}
      header={
        report && (
          <BulkReport
            key={report.key}
            summary={userSummary(report.rows)}
            rows={report.rows}
            unnamed="A user"
            focusRef={returnFocusRef}
            onDismiss={() => {
              setReport(null);
              focusSelectAll(formId);
            }}
          />
        )
      }
      toolbar={(selection) => <UserBulkToolbar tenant={tenant} selection={selection} onReport={showReport} returnFocusRef={returnFocusRef} />}
    >
      {children}
    </RowSelection>
  );
}
