"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { notifyDone, notifyFailed } from "@/components/notify";
import type { Selection } from "@/components/row-selection/row-selection";
import { plural } from "@/lib/format";
import { resendInvitationsAction, revokeInvitationsAction, type BulkInvitationRow } from "./actions";
import { invitationSummary } from "./invitation-bulk-summary";

interface InvitationBulkToolbarProps {
  tenant: string;
  selection: Selection;
  canResend: boolean;
  canRevoke: boolean;
  onReport: (rows: BulkInvitationRow[]) => void;
  /**
   * Where the confirmation returns focus: the button that opened it (set here on opening), until the report of a
   * confirmed action mounts and takes the ref, since the button goes with the selection.
   */
  returnFocusRef: React.RefObject<HTMLElement | null>;
}

/** "Resend" and "Revoke…" for the selected invitations; each reports per row and then clears the selection. */
export function InvitationBulkToolbar({ tenant, selection, canResend, canRevoke, onReport, returnFocusRef }: InvitationBulkToolbarProps) {
  // The ids the confirmation was opened for: the selection may change behind a dialog that is closing.
  const [revoking, setRevoking] = useState<string[] | null>(null);
  const [isResending, startResend] = useTransition();
  const ids = selection.rows.map((row) => row.id);

  const resend = () => {
    if (isResending) return;
    startResend(async () => {
      const result = await resendInvitationsAction(tenant, ids);
      if (!result.ok) return notifyFailed(result.error);
      onReport(result.data);
      notifyDone(invitationSummary(result.data));
      selection.clear();
    });
  };

  return (
    <>
      {canResend && (
        <Button variant="secondary" onClick={resend} aria-disabled={isResending}>
          {isResending ? "Resending…" : "Resend"}
        </Button>
      )}
      {canRevoke && (
        <>
          <Button
            variant="secondary"
            className="text-red-700"
            onClick={(event) => {
              returnFocusRef.current = event.currentTarget;
              setRevoking(ids);
            }}
          >
            Revoke…
          </Button>
          <ConfirmDialog
            open={revoking !== null}
            onOpenChange={(open) => {
              if (!open) setRevoking(null);
            }}
            returnFocusTo={returnFocusRef}
            title={`Revoke ${plural(revoking?.length ?? 0, "invitation")}?`}
            description="Their links stop working at once. Invitations already accepted are left as they are. You can invite anyone again later."
            confirmLabel="Revoke"
            onConfirm={async () => {
              const result = await revokeInvitationsAction(tenant, revoking ?? []);
              if (result.ok) onReport(result.data);
              return result;
            }}
            doneMessage={`Revoke finished for ${plural(revoking?.length ?? 0, "selected invitation")}; the summary above the list shows each.`}
            onDone={selection.clear}
          />
        </>
      )}
    </>
  );
}
