"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { ResentInvitation } from "./actions";
import { DeliveryNotice } from "./delivery-notice";
import { InvitationLinkField } from "./invitation-link-field";
import { renewInvitationAction } from "./renewal-actions";

interface RenewalRequestNoticeProps {
  tenant: string;
  invitation: { id: string; email: string; renewalRequestedAt: Date | null; canResend: boolean };
}

/**
 * "ada@example.com asked for a new link 2 hours ago", and Renew: the row's Resend in one click, which answers the
 * request and clears it (docs/rules.md § Invitations 14). The tab is refreshed only once the new link, shown only
 * this once, has been seen: refreshing at once could drop this row from a filtered list, and the link with it.
 */
export function RenewalRequestNotice({ tenant, invitation }: RenewalRequestNoticeProps) {
  const [resent, setResent] = useState<ResentInvitation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isRenewing, startRenew] = useTransition();
  const router = useRouter();
  const close = () => {
    setResent(null);
    router.refresh();
  };
  const renew = () =>
    !isRenewing &&
    startRenew(async () => {
      setError(null);
      const result = await renewInvitationAction(tenant, invitation.id);
      if (result.ok) setResent(result.data);
      else setError(result.error);
    });

  return (
    <>
      {invitation.renewalRequestedAt && (
        <div className="mt-1 space-y-1 text-xs font-normal text-amber-900">
          <p>
            {invitation.email} asked for a new link <RelativeTime date={invitation.renewalRequestedAt} />
          </p>
          {invitation.canResend && (
            // Not `disabled` while pending, as the row's own Resend: a disabled button drops focus.
            <Button variant="secondary" className="px-2 py-0.5 text-xs" onClick={renew} aria-disabled={isRenewing}>
              {isRenewing ? "Renewing…" : "Renew"}
              <span className="sr-only"> the invitation for {invitation.email}</span>
            </Button>
          )}
          {error && (
            <p role="alert" className="text-red-700">
              {error}
            </p>
          )}
        </div>
      )}
      <Dialog
        title="Invitation renewed"
        description={resent ? `A new link for ${resent.email}; the previous link no longer works.` : undefined}
        open={resent !== null}
        onOpenChange={(open) => {
          if (!open) close();
        }}
      >
        {resent && (
          <div className="space-y-4">
            <DeliveryNotice email={resent.email} delivery={resent.delivery} />
            <InvitationLinkField link={resent.link} />
            <div className="flex justify-end">
              <Button onClick={close}>Done</Button>
            </div>
          </div>
        )}
      </Dialog>
    </>
  );
}
