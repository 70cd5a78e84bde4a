import { redirect } from "next/navigation";
import { PublicPage } from "@/components/public-page";
import { currentActor, pendingSignIn } from "@/lib/auth/current-actor";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { proofChoices } from "@/lib/iam/mfa/prove-identity";
import { SecondStepForm } from "./second-step-form";

export const metadata = { title: "Verify it's you" };

/** The second step of a sign-in (docs/rules.md § Two-factor authentication 4). */
export default async function VerifyPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const callbackUrl = safeCallbackPath((await searchParams).callbackUrl);
  if (await currentActor()) redirect(callbackUrl);
  const pending = await pendingSignIn();
  if (!pending) redirect(`/login?error=SecondStepExpired${callbackUrl === "/" ? "" : `&callbackUrl=${encodeURIComponent(callbackUrl)}`}`);
  const choices = await proofChoices(pending.userId);
  return (
    <PublicPage
      title="Verify it's you"
      description={
        <>
          Signing in as <span className="font-medium text-slate-900">{pending.email}</span>. Finish with your second factor within five minutes.
        </>
      }
    >
      <SecondStepForm choices={choices} callbackUrl={callbackUrl} />
    </PublicPage>
  );
}
