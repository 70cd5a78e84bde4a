import Link from "next/link";
import { StatusPage } from "@/components/status-page";

export const metadata = { title: "Invitation not accepted", referrer: "no-referrer" as const };

// Every reason the SSO acceptance can refuse, each saying what happened and what to do. Nothing was created.
const REASONS: Record<string, { title: string; text: string }> = {
  "email-mismatch": {
    title: "Your SSO account has a different email than the invitation",
    text: "The invitation is for another address. Sign in to your identity provider with the invited email, or ask the person who invited you to invite the address you use.",
  },
  "unverified-email": {
    title: "Your identity provider has not verified your email",
    text: "An invitation can only be accepted with a verified email. Verify it with your identity provider, or create an account with a password instead.",
  },
  "userinfo-unavailable": {
    title: "Your identity provider did not share your email",
    text: "Its UserInfo endpoint could not be reached or refused the request, so your email could not be compared with the invitation. Try again in a moment; if this keeps happening, ask an administrator.",
  },
  "userinfo-subject-mismatch": {
    title: "Your identity provider described a different account",
    text: "The details it returned belong to another account than the one that signed in, so the invitation was not accepted. Ask an administrator to check the single sign-on setup.",
  },
  expired: { title: "This invitation has expired", text: "Ask the person who invited you to resend it." },
  used: { title: "This invitation has already been used", text: "If it was you, sign in to continue." },
  revoked: { title: "This invitation was revoked", text: "Ask an administrator if you still need access." },
  invalid: { title: "This invitation link is invalid", text: "Check that you opened the whole link from the email." },
  replaced: {
    title: "This invitation link was replaced",
    text: "A newer invitation was sent to this address. Use the link in the most recent email.",
  },
  refused: {
    title: "This invitation can no longer be accepted",
    text: "The person who invited you no longer has the right to grant this access. Ask an administrator to invite you again.",
  },
  "account-exists": {
    title: "An account with this email already exists",
    text: "Sign in to that account, then open the invitation link again to accept it.",
  },
};

export default async function SsoRefusedPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const { reason = "" } = await searchParams;
  const { title, text } = REASONS[reason] ?? REASONS.invalid;
  return (
    <StatusPage code="Invitation not accepted" title={title}>
      <p>{text}</p>
      <p>Nothing was created or changed.</p>
      <p>
        <Link href="/login" className="font-medium text-brand-700 underline underline-offset-4">
          Sign in
        </Link>
      </p>
    </StatusPage>
  );
}
