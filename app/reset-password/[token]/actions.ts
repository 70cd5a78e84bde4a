"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import type { ActionFailure } from "@/lib/actions/result";
import { toFailure } from "@/lib/actions/run-action";
import { signIn } from "@/lib/auth/auth";
import { requestOrigin } from "@/lib/auth/request-origin";
import { whereFrom } from "@/lib/iam/account/account-writes";
import { resetPassword, ResetUnavailable, viewPasswordReset, type ResetUnavailableReason } from "@/lib/iam/account/password-resets";
import { isCommonPassword } from "@/lib/iam/passwords/common-passwords";
import { PASSWORD_MAX_LENGTH } from "@/lib/iam/passwords/password-policy";
import { requestClientAddress } from "@/lib/security/rate-limits";

// The reset page's actions are public: the token is the credential (docs/rules.md § Password resets). On success the
// person is signed in and sent on, so only failures come back; the token and password are never logged.

export type ResetFailure = ActionFailure & { unavailable?: ResetUnavailableReason };

/** Debounced from the form: is this a common password? Only for a link that still works. */
export async function checkResetPasswordAction(token: unknown, password: unknown): Promise<boolean> {
  if (typeof password !== "string" || password.length === 0 || password.length > PASSWORD_MAX_LENGTH) return false;
  if (!(await viewPasswordReset(token)).ok) return false;
  return isCommonPassword(password);
}

export async function resetPasswordAction(token: unknown, input: unknown): Promise<ResetFailure> {
  let email: string;
  const password = (input as { password?: unknown } | null)?.password;
  try {
    const request = await headers();
    const where = whereFrom({ userAgent: request.get("user-agent") ?? "", ipAddress: await requestClientAddress() });
    ({ email } = await resetPassword(token, input, { origin: await requestOrigin(), where }));
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof ResetUnavailable) return { ok: false, error: error.message, unavailable: error.reason };
    return toFailure(error);
  }
  try {
    // On success signIn throws Next's redirect, which must propagate.
    await signIn("credentials", { email, password, redirectTo: "/" });
  } catch (error) {
    unstable_rethrow(error);
    if (!(error instanceof AuthError)) throw error;
  }
  // The password is set but the automatic sign-in failed (a lock, say): signing in by hand works once it lifts.
  redirect("/login");
}
