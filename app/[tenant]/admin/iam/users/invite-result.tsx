"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import type { InviteOutcome } from "@/lib/iam/invitations/create-invitation";
import { resendInvitationAction, type ResentInvitation } from "../invitations/actions";
import { DeliveryNotice } from "../invitations/delivery-notice";
import { InvitationLinkField } from "../invitations/invitation-link-field";

interface InviteResultProps {
  tenant: string;
  outcome: InviteOutcome;
  onInviteAnother: () => void;
  onDone: () => void;
}

/** Focuses the result's first line as it appears, so keyboard and screen-reader users land on what happened. */
const focusOnMount = (element: HTMLElement | null) => element?.focus();

/** The single-invite outcome: the link to share, or why no invitation was needed, with a way to resend. */
export function InviteResult({ tenant, outcome, onInviteAnother, onDone }: InviteResultProps) {
  const [resent, setResent] = useState<ResentInvitation | null>(null);
  const [resendError, setResendError] = useState<string | null>(null);
  const [isResending, startResend] = useTransition();

  const resend = (invitationId: string) =>
    !isResending &&
    startResend(async () => {
      setResendError(null);
      const result = await resendInvitationAction(tenant, invitationId);
      if (result.ok) setResent(result.data);
      else setResendError(result.error);
    });

  const sent = outcome.kind === "invited" ? outcome : resent;
  return (
    <div className="space-y-4">
      <div ref={focusOnMount} tabIndex={-1} className="space-y-2 outline-none">
        {outcome.kind === "access-granted" && (
          <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            {outcome.email} already had an account: access granted
          </p>
        )}
        {outcome.kind === "already-member" && (
          <p role="status" className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800">
            {outcome.email} is already a member of this tenant. Change their access on their user page.
          </p>
        )}
        {outcome.kind === "already-pending" && (
          <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {outcome.email} already has a pending invitation. Resending it sends a new link (the current one stops working)
            with the access it already grants; to change that access, revoke it on the Invitations tab and invite again.
          </p>
        )}
        {outcome.kind === "invited" && <DeliveryNotice email={outcome.email} delivery={outcome.delivery} />}
      </div>
      {resent && (
        <div ref={focusOnMount} tabIndex={-1} className="outline-none">
          <DeliveryNotice email={resent.email} delivery={resent.delivery} />
        </div>
      )}
      {outcome.kind === "already-pending" && !resent && (
        <div className="space-y-2">
          <FormError message={resendError} />
          <Button onClick={() => resend(outcome.invitationId)} aria-disabled={isResending}>
            {isResending ? "Resending…" : "Resend invitation"}
          </Button>
        </div>
      )}
      {sent && <InvitationLinkField key={sent.link} link={sent.link} />}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onInviteAnother}>
          Invite another
        </Button>
        <Button onClick={onDone}>Done</Button>
      </div>
    </div>
  );
}
