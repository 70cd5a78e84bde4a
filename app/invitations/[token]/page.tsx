import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PublicPage } from "@/components/public-page";
import { buttonClasses, Button } from "@/components/ui/button";
import { currentActor } from "@/lib/auth/current-actor";
import type { Actor } from "@/lib/iam/authz/actor";
import { loginPath } from "@/lib/auth/callback-url";
import type { InvitationView } from "@/lib/iam/invitations/accept-invitation";
import { AcceptExistingForm } from "./accept-existing-form";
import { switchAccountAction } from "./actions";
import { CreateAccountForm } from "./create-account-form";
import { InvitationSummary } from "./invitation-summary";
import { lookUpInvitation } from "./invitation-lookup";
import { ssoConfig } from "@/lib/config";
import { continueWithSsoAction } from "../sso-actions";

// The token is a credential: it stays out of the title, and no-referrer keeps it from leaking to other origins.
export const metadata: Metadata = { title: "Accept invitation", referrer: "no-referrer", robots: { index: false, follow: false } };

export default async function AcceptInvitationPage({ params }: PageProps<"/invitations/[token]">) {
  const { token } = await params;
  // A dead link is a 404 (not-found.tsx says why). No loading.tsx here: a streamed page has sent 200 before it knows.
  const lookup = await lookUpInvitation(token);
  if (!lookup.ok) notFound();
  const { invitation } = lookup;
  const actor = await currentActor();
  return (
    <PublicPage title="Accept invitation" wide cardClassName="space-y-6">
      <InvitationSummary invitation={invitation} showEmail={invitation.hasAccount} />
      <NextStep invitation={invitation} token={token} actor={actor} />
    </PublicPage>
  );
}

function NextStep({ invitation, token, actor }: { invitation: InvitationView; token: string; actor: Actor | null }) {
  if (!invitation.hasAccount) {
    return (
      <section aria-labelledby="create-account-heading" className="space-y-4">
        <h2 id="create-account-heading" className="text-lg font-semibold">
          Create your account
        </h2>
        {actor && (
          <p className="text-sm text-slate-700">
            You&apos;re signed in as {actor.email}. Creating this account signs you in as {invitation.email} instead.
          </p>
        )}
        <CreateAccountForm token={token} email={invitation.email} />
        <SsoOption token={token} email={invitation.email} />
      </section>
    );
  }
  if (!actor) {
    return (
      <section className="space-y-4">
        <p className="text-sm text-slate-700">{invitation.email} already has an account. Sign in with it to accept the invitation.</p>
        <Link href={loginPath(`/invitations/${token}`)} className={buttonClasses("primary", "w-full")}>
          Sign in to accept
        </Link>
      </section>
    );
  }
  if (actor.email === invitation.email) {
    return (
      <section className="space-y-4">
        <p className="text-sm text-slate-700">You&apos;re signed in as {actor.email}. Accepting adds this access to your account.</p>
        <AcceptExistingForm token={token} />
      </section>
    );
  }
  return (
    <section className="space-y-4">
      <p className="text-sm text-slate-700">
        This invitation is for {invitation.email}, but you&apos;re signed in as {actor.email}. Sign out, then sign in as{" "}
        {invitation.email} to accept it.
      </p>
      <form action={switchAccountAction.bind(null, token)}>
        <Button type="submit" className="w-full">
          Sign out
        </Button>
      </form>
    </section>
  );
}

/** Only when SSO is configured: the provider's verified email must be the invited one. */
function SsoOption({ token, email }: { token: string; email: string }) {
  const sso = ssoConfig();
  if (!sso) return null;
  return (
    <form action={continueWithSsoAction.bind(null, token)} className="space-y-2 border-t border-slate-200 pt-4">
      <p className="text-sm text-slate-600">Or use your organisation&apos;s sign-in, with the email {email}.</p>
      <Button type="submit" variant="secondary" className="w-full">
        {sso.buttonLabel}
      </Button>
    </form>
  );
}
