import type { DeliveryOutcome } from "@/lib/email/send-invitation";

/** What happened to the invitation email, in words; the link is shown next to it in every case. */
export function DeliveryNotice({ email, delivery }: { email: string; delivery: DeliveryOutcome }) {
  if (delivery === "SENT") {
    return (
      <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
        Invitation sent to {email}
      </p>
    );
  }
  if (delivery === "NOT_CONFIGURED") {
    return (
      <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
        <span className="font-medium">Email isn&apos;t configured — share this link</span>
        <span className="block">Send it to {email} yourself.</span>
      </p>
    );
  }
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
      <span className="font-medium">The email to {email} could not be sent</span>
      <span className="block">The invitation is saved: share this link yourself, or resend it later.</span>
    </p>
  );
}
