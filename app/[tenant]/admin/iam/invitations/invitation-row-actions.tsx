"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { MoreHorizontal } from "lucide-react";
import { useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { notifyFailed } from "@/components/notify";
import { resendInvitationAction, revokeInvitationAction, type ResentInvitation } from "./actions";
import { DeliveryNotice } from "./delivery-notice";
import { InvitationLinkField } from "./invitation-link-field";

interface InvitationRowActionsProps {
  tenant: string;
  invitation: { id: string; email: string };
  canResend: boolean;
  canRevoke: boolean;
}

const ITEM = "flex cursor-pointer items-center rounded-md px-2 py-1.5 text-sm text-slate-800 outline-none data-[disabled]:opacity-60 data-[highlighted]:bg-slate-100";

/**
 * The row's actions behind one "⋯" button (two buttons side by side made every row 100 px tall on a laptop and
 * wrapped on a phone). The button's name carries the email, so the rows stay tellable apart by ear; the dialogs it
 * opens give focus back to it.
 */
export function InvitationRowActions({ tenant, invitation, canResend, canRevoke }: InvitationRowActionsProps) {
  const menuButton = useRef<HTMLButtonElement>(null);
  const [resent, setResent] = useState<ResentInvitation | null>(null);
  const [isRevoking, setIsRevoking] = useState(false);
  const [isResending, startResend] = useTransition();

  const resend = () =>
    startResend(async () => {
      const result = await resendInvitationAction(tenant, invitation.id);
      // The new link is shown either way: emailed, it can still be handed over another way.
      if (result.ok) setResent(result.data);
      else notifyFailed(result.error);
    });

  return (
    <>
      {/* Not modal: the page around stays in the accessibility tree (and axe-clean) while the menu is open. */}
      <DropdownMenu.Root modal={false}>
        <DropdownMenu.Trigger asChild>
          <Button ref={menuButton} variant="ghost" className="px-2 py-1" aria-disabled={isResending}>
            <MoreHorizontal aria-hidden className="size-4" />
            <span className="sr-only">{isResending ? `Resending the invitation for ${invitation.email}…` : `Actions for the invitation for ${invitation.email}`}</span>
          </Button>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content align="end" sideOffset={4} className="z-40 min-w-44 rounded-lg border border-slate-200 bg-surface p-1 shadow-lg">
            {canResend && (
              <DropdownMenu.Item className={ITEM} disabled={isResending} onSelect={resend}>
                Resend
              </DropdownMenu.Item>
            )}
            {canRevoke && (
              <DropdownMenu.Item className={`${ITEM} text-red-700`} onSelect={() => setIsRevoking(true)}>
                Revoke…
              </DropdownMenu.Item>
            )}
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <Dialog
        title="Invitation resent"
        description={resent ? `A new link for ${resent.email}; the previous link no longer works.` : undefined}
        open={resent !== null}
        onOpenChange={(open) => {
          if (!open) setResent(null);
        }}
        returnFocusTo={menuButton}
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
      {canRevoke && (
        <ConfirmDialog
          open={isRevoking}
          onOpenChange={setIsRevoking}
          returnFocusTo={menuButton}
          title={`Revoke the invitation for ${invitation.email}?`}
          description="The invitation link stops working at once. You can invite them again later."
          confirmLabel="Revoke"
          onConfirm={() => revokeInvitationAction(tenant, invitation.id)}
          doneMessage={`The invitation for ${invitation.email} was revoked.`}
        />
      )}
    </>
  );
}
