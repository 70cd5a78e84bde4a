import "server-only";
import { db } from "@/lib/db/client";
import type { SessionActor } from "@/lib/iam/authz/actor";
import { assertPasswordChangeNotPending } from "@/lib/iam/account/account-rules";
import { audit } from "@/lib/iam/audit/write-audit";
import { TENANT_WIDE } from "@/lib/iam/authz/concerns";
import { Invalid, NotFound } from "@/lib/iam/errors";
import { parseInput } from "@/lib/iam/parse-input";
import { enforcePasswordPolicy } from "@/lib/iam/passwords/enforce-password-policy";
import { hashPassword, verifyPassword } from "@/lib/iam/passwords/password-hashing";
import { changePasswordSchema, ownRecordIdSchema, profileSchema } from "@/lib/iam/users/account-schemas";
import { endAllSessions } from "@/lib/iam/users/user-sessions";
import type { Tx } from "@/lib/db/types";
import { queuePasswordChangedNotice } from "@/lib/iam/account/password-resets";
import { describeUserAgent } from "@/lib/iam/account/user-agent";

// A person's changes to their own account (docs/rules.md § Accounts). Each is keyed by the actor's own id, audited
// with no tenant (a user belongs to the instance, not to one tenant), in the transaction that makes the change.

/** The current password given to a password change was wrong: counted like a failed sign-in by the caller. */
export class WrongCurrentPassword extends Invalid {
  constructor() {
    super("Check the highlighted fields.", { currentPassword: ["That is not your current password."] });
  }
}

/** The audit entry of a change a person makes to their own account: no tenant, the person as actor and resource. */
export const selfEntry = (actor: { id: string; email: string }, details: string) => ({
  tenantId: null,
  actor,
  resourceType: "USER" as const,
  resourceId: actor.id,
  action: "UPDATE" as const,
  details,
  namespaces: TENANT_WIDE,
});

export async function updateOwnProfile(actor: SessionActor, input: unknown): Promise<void> {
  assertPasswordChangeNotPending(actor);
  const { firstName, lastName } = parseInput(profileSchema, input);
  await db().$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { firstName: true, lastName: true } });
    if (before.firstName === firstName && before.lastName === lastName) return;
    await tx.user.update({ where: { id: actor.id }, data: { firstName, lastName } });
    await audit(tx, { ...selfEntry(actor, `${actor.email} renamed themselves`), before, after: { firstName, lastName } });
  });
}

/**
 * Changes the actor's password: the current one must be right, the new one must meet the policy and differ from it.
 * Every other session of theirs ends in the same transaction (this one stays signed in), so a stolen session dies
 * with the old password. Answers how many sessions were ended.
 */
export async function changeOwnPassword(actor: SessionActor, input: unknown, now = new Date()): Promise<{ endedSessions: number }> {
  const { currentPassword, password } = parseInput(changePasswordSchema, input);
  const user = await db().user.findUniqueOrThrow({ where: { id: actor.id }, select: { email: true, passwordHash: true } });
  if (!user.passwordHash) throw new Invalid("Your account has no password: you sign in with single sign-on.");
  if (!(await verifyPassword(user.passwordHash, currentPassword))) throw new WrongCurrentPassword();
  enforcePasswordPolicy(password, user.email);
  if (await verifyPassword(user.passwordHash, password)) {
    throw new Invalid("Check the highlighted fields.", { password: ["Choose a password different from your current one."] });
  }
  const passwordHash = await hashPassword(password);
  return db().$transaction(async (tx) => {
    // Conditional on the hash verified above: of two concurrent changes, the second finds it gone and changes nothing.
    const { count } = await tx.user.updateMany({
      where: { id: actor.id, passwordHash: user.passwordHash },
      data: { passwordHash, mustChangePassword: false, passwordChangedAt: now },
    });
    if (count === 0) throw new WrongCurrentPassword();
    const current = await currentSession(tx, actor);
    const endedSessions = await endOtherSessions(tx, actor, current);
    await queuePasswordChangedNotice(tx, user.email, now, whereFrom(current));
    await audit(tx, { ...selfEntry(actor, `${actor.email} changed their password (${endedSessions} other sessions signed out)`) });
    return { endedSessions };
  });
}

/** "from Firefox 133 on macOS (203.0.113.7)", for the notice: what the session that made a change is known as. */
export function whereFrom(session: { userAgent: string; ipAddress: string | null } | null): string {
  if (!session) return "from an unknown device";
  const { browser, os } = describeUserAgent(session.userAgent);
  return `from ${browser} on ${os}${session.ipAddress ? ` (${session.ipAddress})` : ""}`;
}

/** The actor's own session row, or null (then it is not theirs, or already ended). */
const currentSession = (tx: Tx, actor: SessionActor) =>
  tx.session.findFirst({ where: { id: actor.sessionId, userId: actor.id }, select: { userAgent: true, ipAddress: true } });

/** Every session of the actor but the current one; all of them when the current one is not theirs. */
async function endOtherSessions(tx: Tx, actor: SessionActor, current: object | null): Promise<number> {
  if (!current) return endAllSessions(tx, actor.id);
  return (await tx.session.deleteMany({ where: { userId: actor.id, id: { not: actor.sessionId } } })).count;
}

/** Ends one of the actor's other sessions; it is signed out at its next request, on every instance. */
export async function endOwnSession(actor: SessionActor, input: unknown): Promise<void> {
  assertPasswordChangeNotPending(actor);
  const sessionId = parseInput(ownRecordIdSchema, input);
  if (sessionId === actor.sessionId) throw new Invalid("This is the session you are using: sign out from the user menu instead.");
  await db().$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { id: sessionId, userId: actor.id } });
    // Someone else's session id reads exactly like one that has already ended.
    if (count === 0) throw new NotFound("That session has already ended.");
    await audit(tx, selfEntry(actor, `${actor.email} signed out one of their other sessions`));
  });
}

/** "Sign out everywhere else": every session of the actor but the current one. */
export async function endOtherOwnSessions(actor: SessionActor): Promise<{ endedSessions: number }> {
  assertPasswordChangeNotPending(actor);
  return db().$transaction(async (tx) => {
    const endedSessions = await endOtherSessions(tx, actor, await currentSession(tx, actor));
    if (endedSessions > 0) await audit(tx, selfEntry(actor, `${actor.email} signed out everywhere else (${endedSessions} sessions)`));
    return { endedSessions };
  });
}

/** Unlinks an SSO identity from the actor's account, only while a password remains to sign in with. */
export async function unlinkOwnSsoAccount(actor: SessionActor, input: unknown): Promise<void> {
  assertPasswordChangeNotPending(actor);
  const accountId = parseInput(ownRecordIdSchema, input);
  await db().$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { passwordHash: true } });
    const account = await tx.account.findFirst({ where: { id: accountId, userId: actor.id }, select: { provider: true, providerAccountId: true } });
    if (!account) throw new NotFound("That sign-in method is not linked to your account.");
    if (!user.passwordHash) throw new Invalid("Single sign-on is how you sign in: without a password, unlinking it would lock you out.");
    await tx.account.deleteMany({ where: { id: accountId, userId: actor.id } });
    await audit(tx, { ...selfEntry(actor, `${actor.email} unlinked their ${account.provider} sign-in`), before: { provider: account.provider } });
  });
}
