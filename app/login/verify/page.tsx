import { redirect } from "next/navigation";
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
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm space-y-6">
        <div className="space-y-2 text-center">
          {/* eslint-disable-next-line @next/next/no-img-element -- a tiny static SVG needs no optimisation */}
          <img src="/icon.svg" alt="" width={40} height={40} className="mx-auto" />
          <h1 className="text-2xl font-semibold tracking-tight">Verify it&apos;s you</h1>
          <p className="text-sm text-slate-600">
            Signing in as <span className="font-medium text-slate-900">{pending.email}</span>. Finish with your second factor within five minutes.
          </p>
        </div>
        <div className="space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <SecondStepForm choices={choices} callbackUrl={callbackUrl} />
        </div>
      </div>
    </main>
  );
}
