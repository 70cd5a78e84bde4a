import "server-only";
import { currentActor, pendingSignIn } from "@/lib/auth/current-actor";
import { requestOrigin } from "@/lib/auth/request-origin";
import { Forbidden } from "@/lib/iam/errors";
import type { ProvingSession } from "@/lib/iam/mfa/prove-identity";
import { relyingPartyFor, type RelyingParty } from "@/lib/iam/mfa/webauthn";

// The request's side of proving who you are (lib/iam/mfa/prove-identity.ts): which session is proving, and the
// relying party its passkeys belong to (the console's origin).

export async function requestRelyingParty(): Promise<RelyingParty> {
  return relyingPartyFor(await requestOrigin());
}

/** The sign-in waiting for its second step, or Forbidden (ended, or lapsed after five minutes). */
export async function secondStepSession(): Promise<ProvingSession> {
  const pending = await pendingSignIn();
  if (!pending) throw new Forbidden("Your sign-in has expired. Sign in again.");
  return { sessionId: pending.sessionId, userId: pending.userId, email: pending.email, pending: true };
}

/** The signed-in session, for step-up, or Forbidden. */
export async function stepUpSession(): Promise<ProvingSession> {
  const actor = await currentActor();
  if (!actor) throw new Forbidden("Your session has ended. Sign in again to continue.");
  return { sessionId: actor.sessionId, userId: actor.id, email: actor.email, pending: false };
}
