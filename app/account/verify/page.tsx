import { redirect } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { requireActor } from "@/lib/auth/current-actor";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { usedSecondFactor } from "@/lib/iam/mfa/amr";
import { proofChoices } from "@/lib/iam/mfa/prove-identity";
import { VerifyFactorForm } from "./verify-factor-form";

export const metadata = { title: "Verify it's you" };

/**
 * A signed-in session that has not used a second factor (it began before a tenant required one, or with SSO) proves
 * one here, then continues where it was going.
 */
export default async function VerifyFactorPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const actor = await requireActor();
  const callbackUrl = safeCallbackPath((await searchParams).callbackUrl);
  if (usedSecondFactor(actor.amr)) redirect(callbackUrl);
  const choices = await proofChoices(actor.id);
  if (!choices.totp && !choices.passkeys && !choices.recoveryCodes) redirect("/account/security");
  return (
    <div className="mx-auto max-w-md space-y-6">
      <PageHeader title="Verify it's you" description="This tenant requires two-factor authentication. Use your second factor to continue." />
      <div className="rounded-xl border border-slate-200 bg-surface p-6 shadow-sm">
        <VerifyFactorForm choices={{ ...choices, password: false }} callbackUrl={callbackUrl} />
      </div>
    </div>
  );
}
