"use server";

import { AuthError } from "next-auth";
import { redirect, unstable_rethrow } from "next/navigation";
import { after } from "next/server";
import { z } from "zod";
import { invalid, type ActionFailure, type ActionResult } from "@/lib/actions/result";
import { toFailure } from "@/lib/actions/run-action";
import { currentActor } from "@/lib/auth/current-actor";
import { MUST_CHANGE_PASSWORD } from "@/lib/iam/account/account-rules";
import { signIn, signOut } from "@/lib/auth/auth";
import { loginPath } from "@/lib/auth/callback-url";
import { requestOrigin } from "@/lib/auth/request-origin";
import { isCommonPassword } from "@/lib/iam/passwords/common-passwords";
import { PASSWORD_MAX_LENGTH } from "@/lib/iam/passwords/password-policy";
import { createAccountSchema } from "@/lib/iam/users/account-schemas";
import { acceptAsExistingUser, acceptWithNewAccount, InvitationUnavailable, type UnavailableReason } from "@/lib/iam/invitations/accept-invitation";
import { isWellFormedToken } from "@/lib/iam/invitations/invitation-tokens";
import { requestInvitationRenewal } from "@/lib/iam/invitations/request-renewal";
import { LIMIT_MESSAGES, rateLimits, requestClientAddress } from "@/lib/security/rate-limits";

// The accept page's actions are public (the token is the credential). On success they redirect, so they only
// ever return failures; the token and password are never logged.

export type AcceptFailure = ActionFailure & { unavailable?: UnavailableReason };

const unavailable = (reason: UnavailableReason): AcceptFailure => ({ ok: false, error: new InvitationUnavailable(reason).message, unavailable: reason });

// Failed uses of invitation links (malformed or dead tokens) count per client address (ACCEPT_IP_MAX_FAILURES).
const blocked: AcceptFailure = { ok: false, error: LIMIT_MESSAGES.accept };

async function failure(error: unknown, client: string | null): Promise<AcceptFailure> {
  unstable_rethrow(error);
  if (error instanceof InvitationUnavailable) {
    await rateLimits().recordAcceptFailure(client);
    return unavailable(error.reason);
  }
  return toFailure(error);
}

async function malformedToken(client: string | null): Promise<AcceptFailure> {
  await rateLimits().recordAcceptFailure(client);
  return unavailable("invalid");
}

/** Debounced from the form as the user types: is this one of the common passwords? Answers a boolean, nothing else. */
export async function checkPasswordAction(token: unknown, password: unknown): Promise<boolean> {
  const client = await requestClientAddress();
  if (await rateLimits().acceptBlocked(client)) return false;
  if (typeof token !== "string" || !isWellFormedToken(token)) return malformedToken(client).then(() => false);
  if (typeof password !== "string" || password.length === 0 || password.length > PASSWORD_MAX_LENGTH) return false;
  return isCommonPassword(password);
}

export async function createAccountAction(token: string, input: unknown): Promise<AcceptFailure> {
  const client = await requestClientAddress();
  if (await rateLimits().acceptBlocked(client)) return blocked;
  const parsed = createAccountSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  if (typeof token !== "string" || !isWellFormedToken(token)) return malformedToken(client);
  let account: { email: string; tenantId: string; awaitingMfa: boolean };
  try {
    // The password policy is enforced inside (enforcePasswordPolicy), not only in the browser's checklist.
    account = await acceptWithNewAccount(token, parsed.data);
  } catch (error) {
    return failure(error, client);
  }
  try {
    // On success signIn throws Next's redirect, which must propagate.
    // An invitation that requires a second factor waits for one: the person sets it up first.
    const next = account.awaitingMfa ? `/account/security?join=${encodeURIComponent(account.tenantId)}` : `/${account.tenantId}`;
    await signIn("credentials", { email: account.email, password: parsed.data.password, redirectTo: next });
  } catch (error) {
    unstable_rethrow(error);
    if (!(error instanceof AuthError)) throw error;
  }
  // The account exists but the automatic sign-in failed: signing in by hand still works.
  redirect(loginPath(`/${account.tenantId}`));
}

export async function acceptAsExistingUserAction(token: string): Promise<AcceptFailure> {
  const client = await requestClientAddress();
  if (await rateLimits().acceptBlocked(client)) return blocked;
  if (typeof token !== "string" || !isWellFormedToken(token)) return malformedToken(client);
  const actor = await currentActor();
  if (!actor) return { ok: false, error: "Your session has ended. Sign in again to accept the invitation." };
  // A password set for them comes first (docs/rules.md § Accounts 6); the link stays valid meanwhile.
  if (actor.mustChangePassword) return { ok: false, error: MUST_CHANGE_PASSWORD };
  let accepted: { tenantId: string; awaitingMfa: boolean };
  try {
    accepted = await acceptAsExistingUser(token, actor.id);
  } catch (error) {
    return failure(error, client);
  }
  redirect(accepted.awaitingMfa ? `/account/security?join=${encodeURIComponent(accepted.tenantId)}` : `/${accepted.tenantId}`);
}

/** Signed in as someone else: sign out and come back to this invitation through the sign-in page. */
export async function switchAccountAction(token: string): Promise<void> {
  const target = z.string().refine(isWellFormedToken).safeParse(token);
  await signOut({ redirectTo: target.success ? loginPath(`/invitations/${target.data}`) : "/login" });
}

/**
 * "Ask for a new link" on an expired invitation's page: the same answer, at once, whatever the token. Counting the
 * address, looking the invitation up and queueing the email all run after the response (`after`), so neither the
 * words nor the time tell whether the invitation exists, qualifies or was already asked for (docs/rules.md
 * § Invitations 14).
 */
export async function requestRenewalAction(token: unknown): Promise<ActionResult> {
  const [origin, client] = await Promise.all([requestOrigin(), requestClientAddress()]);
  after(async () => {
    try {
      if (await rateLimits().takeRenewalRequest(client)) await requestInvitationRenewal(token, origin);
    } catch (error) {
      console.error("[invitation-renewal] request failed", error instanceof Error ? error.message : error);
    }
  });
  return { ok: true, data: null };
}
