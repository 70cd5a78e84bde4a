"use client";

import { useRef, useState } from "react";
import { BulkReport } from "@/components/row-selection/bulk-report";
import { focusSelectAll, RowSelection } from "@/components/row-selection/row-selection";
import type { BulkInvitationRow } from "./actions";
import { InvitationBulkToolbar } from "./invitation-bulk-toolbar";
import { invitationSummary } from "./invitation-bulk-summary";
import { InvitationLinkField } from "./invitation-link-field";

interface InvitationSelectionProps {
  tenant: string;
  /** The form the rows' checkboxes name (RowCheckbox in page.tsx). */
  formId: string;
  /** INVITATION:UPDATE / DELETE somewhere: the toolbar offers what may succeed for some row; each row is decided on the server. */
  canResend: boolean;
  canRevoke: boolean;
  /** Some row of this page has a checkbox. */
  hasSelectable: boolean;
  children: React.ReactNode;
}

/** The Invitations tab's selection around its server-rendered table: the toolbar, and the report of the last action. */
export function InvitationSelection({ tenant, formId, canResend, canRevoke, hasSelectable, children }: InvitationSelectionProps) {
  const [report, setReport] = useState<{ key: number; rows: BulkInvitationRow[] } | null>(null);
  // The report's summary once it mounts; the toolbar's confirmation returns focus to whatever this holds.
  const returnFocusRef = useRef<HTMLElement>(null);
  const showReport = (rows: BulkInvitationRow[]) => setReport((last) => ({ key: (last?.key ?? 0) + 1, rows }));

  const verbs = [canResend && "resend", canRevoke && "revoke"].filter(Boolean).join(" or ");

  return (
    <RowSelection
      formId={formId}
      hint={hasSelectable ? `Tick invitations to ${verbs} several at once.` : undefined}
      header={
        report && (
          <BulkReport
            key={report.key}
            summary={invitationSummary(report.rows)}
            rows={report.rows}
            unnamed="An invitation"
            focusRef={returnFocusRef}
            onDismiss={() => {
              setReport(null);
              focusSelectAll(formId);
            }}
          >
            <ResentLinks rows={report.rows} />
          </BulkReport>
        )
      }
      toolbar={(selection) => (
        <InvitationBulkToolbar tenant={tenant} selection={selection} canResend={canResend} canRevoke={canRevoke} onReport={showReport} returnFocusRef={returnFocusRef} />
      )}
    >
      {children}
    </RowSelection>
  );
}

/**
 * The new links of resent invitations: emailed, or (email off) shown here once, as a single resend shows its link
 * (docs/rules.md § Invitations 7). Dismissing the report is the end of them.
 */
function ResentLinks({ rows }: { rows: readonly BulkInvitationRow[] }) {
  const resent = rows.filter((row) => row.outcome === "resent");
  const links = resent.filter((row) => row.link);
  if (!resent.length) return null;
  if (!links.length) return <p>The new links were emailed; the previous links no longer work.</p>;
  return (
    <div className="space-y-3">
      <p className="rounded-md bg-amber-50 px-3 py-2 text-amber-900">
        <span className="font-medium">Email isn&apos;t configured — share these links</span>
        <span className="block">Each is shown only here, once; the previous links no longer work.</span>
      </p>
      {links.map((row) => (
        <InvitationLinkField key={row.id} link={row.link!} label={`New link for ${row.email}`} />
      ))}
    </div>
  );
}
