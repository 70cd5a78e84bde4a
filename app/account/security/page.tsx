import { BackLink } from "@/components/back-link";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { requireActor } from "@/lib/auth/current-actor";
import { formatDateTime } from "@/lib/format";
import { ownSecurity } from "@/lib/iam/mfa/own-security";
import { AddAuthenticatorDialog } from "./add-authenticator-dialog";
import { AddPasskeyDialog } from "./add-passkey-dialog";
import { FactorList } from "./factor-list";
import { RecoveryCodesSection } from "./recovery-codes-section";

export const metadata = { title: "Two-factor authentication" };

function Notice({ children }: { children: React.ReactNode }) {
  return <div className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">{children}</div>;
}

/** One's own second factors (docs/rules.md § Two-factor authentication 1–3). */
export default async function SecurityPage() {
  const actor = await requireActor();
  const security = await ownSecurity(actor);
  const enrolled = security.factors.length > 0;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="space-y-2">
        <BackLink href="/account">Your account</BackLink>
        <PageHeader
          title="Two-factor authentication"
          description="A second step after your password: a code from an authenticator app or a passkey. It keeps your account safe if your password leaks."
        />
      </div>

      {security.awaitingTenants.map((tenant) => (
        <Notice key={tenant.id}>
          Your invitation to <strong>{tenant.name}</strong> requires two-factor authentication. Add an authenticator app or a passkey below; your
          access is granted as soon as you do.
        </Notice>
      ))}
      {security.requiringTenants.map(({ id, name, standing }) => (
        <Notice key={id}>
          <strong>{name}</strong> requires two-factor authentication.{" "}
          {standing.state === "grace"
            ? `Set it up before ${formatDateTime(standing.enrolBy)} to keep your access.`
            : standing.state === "verify"
              ? "Verify with your second factor to continue."
              : "Set it up to open this tenant again."}
          {standing.state === "verify" && (
            <>
              {" "}
              <Link href={`/account/verify?callbackUrl=${encodeURIComponent(`/${id}`)}`} className="font-medium underline">
                Verify now
              </Link>
            </>
          )}
        </Notice>
      ))}

      <section aria-labelledby="factors" className="space-y-4 rounded-xl border border-slate-200 bg-surface p-4 shadow-sm sm:p-6">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="space-y-1">
            <h2 id="factors" className="text-lg font-semibold text-slate-900">
              Your factors
            </h2>
            <p className="text-sm text-slate-600">{enrolled ? "Two-factor authentication is on." : "Two-factor authentication is off."}</p>
          </div>
          <div className="flex flex-wrap gap-2">
            <AddAuthenticatorDialog />
            <AddPasskeyDialog />
          </div>
        </div>
        <FactorList
          factors={security.factors.map((factor) => ({
            id: factor.id,
            kind: factor.kind,
            name: factor.name,
            addedAt: factor.createdAt,
            lastUsedAt: factor.lastUsedAt,
          }))}
        />
      </section>

      {enrolled && (
        <section aria-labelledby="recovery" className="space-y-4 rounded-xl border border-slate-200 bg-surface p-4 shadow-sm sm:p-6">
          <div className="space-y-1">
            <h2 id="recovery" className="text-lg font-semibold text-slate-900">
              Recovery codes
            </h2>
            <p className="text-sm text-slate-600">If you lose your device, a recovery code signs you in once.</p>
          </div>
          <RecoveryCodesSection left={security.recoveryCodesLeft} />
        </section>
      )}
    </div>
  );
}
