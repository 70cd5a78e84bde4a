"use server";

import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { invalid, type ActionResult } from "@/lib/actions/result";
import { runAction, toFailure } from "@/lib/actions/run-action";
import { accountActor, currentActor } from "@/lib/auth/current-actor";
import { changeOwnPassword, endOtherOwnSessions, endOwnSession, unlinkOwnSsoAccount, updateOwnProfile, WrongCurrentPassword } from "@/lib/iam/account/account-writes";
import { isCommonPassword } from "@/lib/iam/passwords/common-passwords";
import { PASSWORD_MAX_LENGTH } from "@/lib/iam/passwords/password-policy";
import { changePasswordSchema, ownRecordIdSchema, profileSchema } from "@/lib/iam/users/account-schemas";
import { lockMessage, rateLimits, requestClientAddress } from "@/lib/security/rate-limits";

// The signed-in person's own account (/account). Each action acts only on the actor's own rows; the domain
// functions check that again (lib/iam/account/account-writes.ts).

export async function updateProfileAction(input: unknown): Promise<ActionResult> {
  return runAction(profileSchema, input, async (data) => {
    await updateOwnProfile(await accountActor(), data);
    revalidatePath("/", "layout");
    return null;
  });
}

/**
 * A wrong current password counts as a failed sign-in of the account (docs/rules.md § Sign-in and sessions 2): a
 * stolen session cannot guess it faster than the sign-in form could, and a locked account is refused here too.
 */
export async function changePasswordAction(input: unknown): Promise<ActionResult<{ endedSessions: number }>> {
  const parsed = changePasswordSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    const actor = await accountActor();
    const limits = rateLimits();
    const attempt = await limits.beginSignIn(actor.email, await requestClientAddress());
    if (attempt.lock) return { ok: false, error: lockMessage(attempt.lock) };
    try {
      const result = await changeOwnPassword(actor, parsed.data);
      await limits.succeedSignIn(attempt);
      revalidatePath("/account");
      return { ok: true, data: result };
    } catch (error) {
      if (error instanceof WrongCurrentPassword) {
        const lock = await limits.failSignIn(attempt);
        if (lock) return { ok: false, error: lockMessage(lock) };
      } else {
        // Anything else (a weak new password, say) was no guess at the current one: the attempt is given back.
        await limits.succeedSignIn(attempt);
      }
      throw error;
    }
  } catch (error) {
    unstable_rethrow(error);
    return toFailure(error);
  }
}


/** Debounced from the new-password field: is this a common password? Signed-in people only; a boolean, nothing else. */
export async function checkNewPasswordAction(password: unknown): Promise<boolean> {
  if (!(await currentActor())) return false;
  if (typeof password !== "string" || password.length === 0 || password.length > PASSWORD_MAX_LENGTH) return false;
  return isCommonPassword(password);
}

export async function endSessionAction(sessionId: unknown): Promise<ActionResult> {
  return runAction(ownRecordIdSchema, sessionId, async (id) => {
    await endOwnSession(await accountActor(), id);
    revalidatePath("/account");
    return null;
  });
}

export async function endOtherSessionsAction(): Promise<ActionResult<{ endedSessions: number }>> {
  return runAction(z.undefined(), undefined, async () => {
    const result = await endOtherOwnSessions(await accountActor());
    revalidatePath("/account");
    return result;
  });
}

export async function unlinkSsoAccountAction(accountId: unknown): Promise<ActionResult> {
  return runAction(ownRecordIdSchema, accountId, async (id) => {
    await unlinkOwnSsoAccount(await accountActor(), id);
    revalidatePath("/account");
    return null;
  });
}
