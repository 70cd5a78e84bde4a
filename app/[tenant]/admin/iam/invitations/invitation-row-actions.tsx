"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { resendInvitationAction, revokeInvitationAction, type ResentInvitation } from "./actions";
import { DeliveryNotice } from "./delivery-notice";
import { InvitationLinkField } from "./invitation-link-field";

interface InvitationRowActionsProps {
  tenant: string;
  invitation: { id: string; email: string };
  canResend: boolean;
  canRevoke: boolean;
}

/** "Resend" and "Revoke" on screen; the email is part of each accessible name, so the rows stay tellable apart. */
export function InvitationRowActions({ tenant, invitation, canResend, canRevoke }: InvitationRowActionsProps) {
  const [resent, setResent] = useState<ResentInvitation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isResending, startResend] = useTransition();
  const forEmail = <span className="sr-only"> invitation for {invitation.email}</span>;

  // Not `disabled` while pending: a disabled button drops focus, which must return to it when the dialog closes.
  const resend = () =>
    !isResending &&
    startResend(async () => {
      setError(null);
      const result = await resendInvitationAction(tenant, invitation.id);
      if (result.ok) setResent(result.data);
      else setError(result.error);
    });

  return (
    <div className="space-y-1">
      <div className="flex flex-wrap justify-end gap-2">
        {canResend && (
          // The button is the dialog's trigger so focus returns to it on close, but the dialog opens only with a result.
          <Dialog
            title="Invitation resent"
            description={resent ? `A new link for ${resent.email}; the previous link no longer works.` : undefined}
            open={resent !== null}
            onOpenChange={(open) => {
              if (!open) setResent(null);
            }}
            trigger={
              <Button variant="secondary" className="py-1" onClick={resend} aria-disabled={isResending}>
                {isResending ? "Resending…" : "Resend"}
                {forEmail}
              </Button>
            }
          >
            {resent && (
              <div className="space-y-4">
                <DeliveryNotice email={resent.email} delivery={resent.delivery} />
                <InvitationLinkField link={resent.link} />
                <div className="flex justify-end">
                  <Button onClick={() => setResent(null)}>Done</Button>
                </div>
              </div>
            )}
          </Dialog>
        )}
        {canRevoke && (
          <ConfirmDialog
            trigger={
              <Button variant="secondary" className="py-1">
                Revoke{forEmail}
              </Button>
            }
            title={`Revoke the invitation for ${invitation.email}?`}
            description="The invitation link stops working at once. You can invite them again later."
            confirmLabel="Revoke"
            onConfirm={() => revokeInvitationAction(tenant, invitation.id)}
          />
        )}
      </div>
      {error && (
        <p role="alert" className="max-w-xs text-right text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
