"use server";

import { after } from "next/server";
import { forgotPasswordSchema } from "@/lib/iam/users/account-schemas";
import type { ActionResult } from "@/lib/actions/result";
import { runAction } from "@/lib/actions/run-action";
import { requestOrigin } from "@/lib/auth/request-origin";
import { requestPasswordReset } from "@/lib/iam/account/password-resets";
import { rateLimits, requestClientAddress } from "@/lib/security/rate-limits";


/**
 * "Forgot password?": the same answer, at once, whatever the address. Counting the request, looking the account up,
 * rendering and queueing the email all run after the response (`after`), so its timing does not depend on whether
 * an account exists either (docs/rules.md § Password resets 1).
 */
export async function forgotPasswordAction(input: unknown): Promise<ActionResult> {
  return runAction(forgotPasswordSchema, input, async ({ email }) => {
    const [origin, client] = await Promise.all([requestOrigin(), requestClientAddress()]);
    after(async () => {
      try {
        if (await rateLimits().takePasswordReset(email, client)) await requestPasswordReset(email, origin);
      } catch (error) {
        console.error("[password-reset] request failed", error instanceof Error ? error.message : error);
      }
    });
    return null;
  });
}
