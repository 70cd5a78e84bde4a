import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "@/lib/auth/auth";
import { resolveSession } from "@/lib/auth/sessions";
import type { SessionActor } from "@/lib/iam/authz/actor";
import { displayName } from "@/lib/iam/users/display-name";
import { loginPath } from "@/lib/auth/callback-url";
import { Forbidden } from "@/lib/iam/errors";

// Per request, not per cookie: the session record and its user are read together (one query) on every request, so
// a session that was signed out, ended by an admin, expired or idle, or whose user was disabled or deleted, signs
// nobody in from its next request on, on every instance.
// A sign-in still waiting for its second factor is no actor at all: only the second step (pendingSignIn) sees it.
const requestSession = cache(async () => {
  const session = await auth();
  const user = await resolveSession(session?.sessionId, session?.user?.id);
  return user && session?.sessionId ? { user, sessionId: session.sessionId } : null;
});

export const currentActor = cache(async (): Promise<SessionActor | null> => {
  const session = await requestSession();
  if (!session || session.user.secondFactorDueBy) return null;
  const { user, sessionId } = session;
  return {
    id: user.id,
    email: user.email,
    name: displayName(user),
    isSuperAdmin: user.superAdmin,
    sessionId,
    mustChangePassword: user.mustChangePassword,
    amr: user.amr,
    authenticatedAt: user.authenticatedAt,
  };
});

/** The sign-in waiting for its second step (docs/rules.md § Two-factor authentication 4), or null. */
export async function pendingSignIn(): Promise<{ sessionId: string; userId: string; email: string; name: string; dueBy: Date } | null> {
  const session = await requestSession();
  if (!session?.user.secondFactorDueBy) return null;
  return { sessionId: session.sessionId, userId: session.user.id, email: session.user.email, name: displayName(session.user), dueBy: session.user.secondFactorDueBy };
}

/** Where a sign-in that waits for its second factor is sent from every page. */
export const SECOND_STEP_PATH = "/login/verify";

/** Where a person who must choose a new password is sent, from every page, before anything else. */
export const CHOOSE_PASSWORD_PATH = "/account/password";

/**
 * For pages: the signed-in actor, or a redirect to /login (and back here afterwards). Someone who must change their
 * password first (docs/rules.md § Accounts 6) is sent to CHOOSE_PASSWORD_PATH from every other page.
 */
export async function requireActor({ allowPasswordChangePending = false } = {}): Promise<SessionActor> {
  const actor = await currentActor();
  const requested = (await headers()).get("x-request-path") ?? "/";
  if (!actor && (await pendingSignIn())) redirect(`${SECOND_STEP_PATH}?callbackUrl=${encodeURIComponent(requested)}`);
  if (!actor) redirect(loginPath(requested));
  if (actor.mustChangePassword && !allowPasswordChangePending) redirect(CHOOSE_PASSWORD_PATH);
  return actor;
}

/**
 * For the account's server actions: the signed-in actor (never a redirect), or Forbidden. Whether a pending password
 * change allows the action is the domain function's decision (docs/rules.md § Accounts 6).
 */
export async function accountActor(): Promise<SessionActor> {
  const actor = await currentActor();
  if (!actor) throw new Forbidden("Your session has ended. Sign in again to continue.");
  return actor;
}
