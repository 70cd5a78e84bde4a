import type { DeliveryOutcome } from "@/lib/iam/invitations/invitation-delivery";

/** What happened to the invitation email, in words; the link is shown next to it in every case. */
export function DeliveryNotice({ email, delivery }: { email: string; delivery: DeliveryOutcome }) {
  if (delivery === "QUEUED") {
    // Queued in the outbox, which sends it within moments and retries when Resend fails; the Invitations tab shows
    // Queued, Sent or Failed.
    return (
      <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
        <span className="font-medium">Invitation sent to {email}</span>
        <span className="block">The Invitations tab shows when it has been delivered.</span>
      </p>
    );
  }
  return (
    <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <span className="font-medium">Email isn&apos;t configured — share this link</span>
      <span className="block">Send it to {email} yourself.</span>
    </p>
  );
}
