import Link from "next/link";
import { PublicPage } from "@/components/public-page";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { currentActor, pendingSignIn } from "@/lib/auth/current-actor";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { ssoConfig } from "@/lib/config";
import { ssoSignInAction } from "./actions";
import { LoginForm } from "./login-form";
import { signInErrorMessage } from "./sso-errors";

export const metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl: requested, error } = await searchParams;
  const callbackUrl = safeCallbackPath(requested);
  if (await currentActor()) redirect(callbackUrl);
  // Half signed in (the password was right, the second factor is due): that step, not a new sign-in.
  if (await pendingSignIn()) redirect(`/login/verify?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  const sso = ssoConfig();
  return (
    <PublicPage title="Sign in to IAM Console">
      <FormError message={signInErrorMessage(error)} />
      <LoginForm callbackUrl={callbackUrl} />
      <p className="text-center text-sm">
        <Link href="/login/forgot" className="text-brand-700 underline-offset-4 hover:underline">
          Forgot password?
        </Link>
      </p>
      {sso && (
        <>
          <div className="flex items-center gap-3 text-xs text-slate-500" aria-hidden>
            <span className="h-px flex-1 bg-slate-200" />
            or
            <span className="h-px flex-1 bg-slate-200" />
          </div>
          <form action={ssoSignInAction}>
            <input type="hidden" name="callbackUrl" value={callbackUrl} />
            <Button type="submit" variant="secondary" className="w-full">
              {sso.buttonLabel}
            </Button>
          </form>
        </>
      )}
    </PublicPage>
  );
}
