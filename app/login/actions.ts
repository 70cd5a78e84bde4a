"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/auth";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { signInLockMessage } from "@/lib/auth/credentials";
import { signInSchema } from "@/lib/auth/schemas";
import { invalid, type ActionFailure, type ActionResult } from "@/lib/actions/result";

/** A failed sign-in hands back the email as typed, so the form keeps it (never the password). */
export type SignInResult = ActionResult | (ActionFailure & { email: string });

export async function signInAction(_previous: SignInResult | null, form: FormData): Promise<SignInResult> {
  // Server actions can be called by hand with any body: anything but a form is refused like a wrong password.
  if (!(form instanceof FormData)) return { ok: false, error: "Incorrect email or password." };
  const typed = form.get("email");
  const email = typeof typed === "string" ? typed.slice(0, 254) : "";
  const parsed = signInSchema.safeParse({ email: form.get("email"), password: form.get("password") });
  if (!parsed.success) return { ...invalid(parsed.error), email };
  try {
    // On success signIn redirects (by throwing Next's redirect signal, which must propagate).
    await signIn("credentials", { ...parsed.data, redirectTo: safeCallbackPath(form.get("callbackUrl")) });
    return { ok: true, data: null };
  } catch (error) {
    if (error instanceof AuthError) {
      // One message for every cause, so the form never reveals whether the email has an account. Locks count
      // unknown emails like known ones, so their message reveals nothing either.
      return { ok: false, error: signInLockMessage(error) ?? "Incorrect email or password.", email };
    }
    throw error;
  }
}

/** "Continue with SSO": Auth.js runs the OpenID Connect round trip (PKCE, state and nonce) and comes back here. */
export async function ssoSignInAction(form: FormData): Promise<void> {
  await signIn("oidc", { redirectTo: safeCallbackPath(form instanceof FormData ? form.get("callbackUrl") : null) });
}
