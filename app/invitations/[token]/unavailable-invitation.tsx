import Link from "next/link";
import { StatusPage } from "@/components/status-page";
import type { UnavailableReason } from "@/lib/iam/invitations/accept-invitation";
import { RenewalRequestForm } from "./renewal-request-form";

// What each dead invitation link tells the visitor. Never more than the link itself reveals: no stack trace,
// no hint whether other accounts exist.
const COPY: Record<UnavailableReason, { title: string; body: string }> = {
  invalid: {
    title: "This invitation link is invalid",
    body: "The link is incomplete or was changed. Open it again from the invitation email, or ask the person who invited you to send it again.",
  },
  // Says no more than the link itself: not who sent it, nor whether anyone may still resend it.
  replaced: {
    title: "This invitation link was replaced",
    body: "A newer invitation was sent to this address. Use the link in the most recent email.",
  },
  expired: {
    title: "This invitation has expired",
    body: "Invitations are valid for a limited time. Ask for a new link, or ask the person who invited you to resend it; the new email has a fresh link.",
  },
  used: {
    title: "This invitation has already been used",
    body: "Each invitation link works once. If you accepted it, sign in to continue.",
  },
  revoked: {
    title: "This invitation has been revoked",
    body: "An administrator withdrew it. Ask them for a new invitation if you still need access.",
  },
  refused: {
    title: "This invitation can no longer be accepted",
    body: "The person who invited you no longer has the right to grant this access. Ask an administrator of the tenant for a new invitation.",
  },
};

const linkClass = "font-medium text-brand-700 underline underline-offset-4 hover:text-brand-800";

function SignInLink({ reason }: { reason: UnavailableReason }) {
  if (reason !== "used") return null;
  return (
    <p>
      <Link href="/login" className={linkClass}>
        Sign in
      </Link>
    </p>
  );
}

/** An expired link may ask for a new one (docs/rules.md § Invitations 14); the token is what identifies it. */
function RenewalRequest({ reason, token }: { reason: UnavailableReason; token?: string }) {
  if (reason !== "expired" || !token) return null;
  return <RenewalRequestForm token={token} />;
}

/** The whole page for a link that cannot be accepted. */
export function UnavailableInvitation({ reason, token }: { reason: UnavailableReason; token?: string }) {
  const { title, body } = COPY[reason];
  return (
    <StatusPage code="Invitation" title={title}>
      <p>{body}</p>
      <RenewalRequest reason={reason} token={token} />
      <SignInLink reason={reason} />
    </StatusPage>
  );
}

/** The same message inside the accept page, when the link stopped working between opening it and submitting. */
export function UnavailableMessage({ reason, token }: { reason: UnavailableReason; token?: string }) {
  const { title, body } = COPY[reason];
  return (
    <div role="alert" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
      <h2 className="text-base font-semibold">{title}</h2>
      <p>{body}</p>
      <RenewalRequest reason={reason} token={token} />
      <SignInLink reason={reason} />
    </div>
  );
}
