import "server-only";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/types";
import { addDuration, parseDuration } from "@/lib/duration";
import { passwordChangedMessage, passwordResetMessage, ssoOnlyMessage } from "@/lib/email/account-messages";
import { enqueueEmails } from "@/lib/email/outbox";
import { isEmailConfigured } from "@/lib/email/resend";
import { formatDateTime } from "@/lib/format";
import { audit } from "@/lib/iam/audit/write-audit";
import { TENANT_WIDE } from "@/lib/iam/authz/concerns";
import { DomainError } from "@/lib/iam/errors";
import { appBaseUrl } from "@/lib/iam/invitations/invitation-links";
import { hashToken, isWellFormedToken, newToken } from "@/lib/iam/invitations/invitation-tokens";
import { normalizeEmail } from "@/lib/iam/normalize-email";
import { parseInput } from "@/lib/iam/parse-input";
import { enforcePasswordPolicy } from "@/lib/iam/passwords/enforce-password-policy";
import { hashPassword } from "@/lib/iam/passwords/password-hashing";
import { newPasswordSchema } from "@/lib/iam/users/account-schemas";
import { endAllSessions } from "@/lib/iam/users/user-sessions";

// Password resets (docs/rules.md § Password resets): a single-use link of 256 bits whose SHA-256 alone is stored,
// valid for PASSWORD_RESET_EXPIRE_AFTER, superseded by a newer one, emailed through the outbox in the transaction that
// creates it. The tokens are the invitations' (newToken, hashToken): one kind of secret link, one implementation.

export type ResetUnavailableReason = "invalid" | "used" | "expired" | "superseded";

const UNAVAILABLE_MESSAGES: Record<ResetUnavailableReason, string> = {
  invalid: "This password reset link is not valid. Check that you copied all of it, or ask for a new one.",
  used: "This password reset link has already been used. Ask for a new one if you need to reset your password again.",
  expired: "This password reset link has expired. Ask for a new one.",
  superseded: "A newer password reset link was sent since this one, which no longer works. Use the newest email.",
};

export class ResetUnavailable extends DomainError {
  constructor(readonly reason: ResetUnavailableReason) {
    super(UNAVAILABLE_MESSAGES[reason]);
  }
}

export const resetLink = (token: string, requestOrigin: string) => `${appBaseUrl(requestOrigin)}/reset-password/${token}`;
const resetExpiry = (now: Date) => addDuration(now, parseDuration(config().PASSWORD_RESET_EXPIRE_AFTER)!);

/** A new link for the user; their open ones stop working (superseded) in the same transaction. */
export async function issueReset(tx: Tx, userId: string, requestedById: string | null, now = new Date()) {
  await tx.passwordReset.updateMany({ where: { userId, usedAt: null, supersededAt: null }, data: { supersededAt: now } });
  const token = newToken();
  const expiresAt = resetExpiry(now);
  const reset = await tx.passwordReset.create({ data: { userId, tokenHash: hashToken(token), requestedById, createdAt: now, expiresAt }, select: { id: true } });
  return { token, expiresAt, resetId: reset.id };
}

/** Queues the reset email for a link just issued. */
export async function queueResetEmail(tx: Tx, to: string, issued: { token: string; expiresAt: Date; resetId: string }, origin: string, requestedBy: string | null) {
  const message = await passwordResetMessage({ link: resetLink(issued.token, origin), expiresAt: formatDateTime(issued.expiresAt), requestedBy });
  await enqueueEmails(tx, [{ passwordResetId: issued.resetId, to, ...message }]);
}

export type ResetRequestOutcome = "emailed" | "sso-notice" | "nothing";

/**
 * "Forgot password?". The caller shows the same answer whatever this returns, and runs it after responding, so
 * neither words nor time tell whether the email has an account (the outcome is for tests). An account with a
 * password gets a link; one without (SSO only) gets an email saying so; unknown and disabled accounts get nothing.
 */
export async function requestPasswordReset(email: string, origin: string, now = new Date()): Promise<ResetRequestOutcome> {
  if (!isEmailConfigured() || typeof email !== "string" || email.length > 254) return "nothing";
  const user = await db().user.findUnique({ where: { email: normalizeEmail(email) }, select: { id: true, email: true, passwordHash: true, disabled: true } });
  if (!user || user.disabled) return "nothing";
  if (!user.passwordHash) {
    const message = await ssoOnlyMessage({ signInUrl: `${appBaseUrl(origin)}/login` });
    await db().$transaction((tx) => enqueueEmails(tx, [{ to: user.email, ...message }]));
    return "sso-notice";
  }
  await db().$transaction(async (tx) => {
    const issued = await issueReset(tx, user.id, null, now);
    await queueResetEmail(tx, user.email, issued, origin, null);
    await audit(tx, {
      tenantId: null,
      actor: null,
      resourceType: "USER",
      resourceId: user.id,
      action: "UPDATE",
      details: `Password reset link emailed to ${user.email} at their request`,
      namespaces: TENANT_WIDE,
    });
  });
  return "emailed";
}

async function openReset(token: unknown, now: Date) {
  if (typeof token !== "string" || !isWellFormedToken(token)) throw new ResetUnavailable("invalid");
  const reset = await db().passwordReset.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, expiresAt: true, usedAt: true, supersededAt: true, user: { select: { id: true, email: true, disabled: true } } },
  });
  // A disabled user's link reads as unknown: it must not be a way back in.
  if (!reset || reset.user.disabled) throw new ResetUnavailable("invalid");
  if (reset.usedAt) throw new ResetUnavailable("used");
  if (reset.supersededAt) throw new ResetUnavailable("superseded");
  if (reset.expiresAt <= now) throw new ResetUnavailable("expired");
  return reset;
}

/** What the reset page shows: the account's email (for the checklist), or why the link does not work. */
export async function viewPasswordReset(token: unknown, now = new Date()): Promise<{ ok: true; email: string } | { ok: false; reason: ResetUnavailableReason }> {
  try {
    return { ok: true, email: (await openReset(token, now)).user.email };
  } catch (error) {
    if (error instanceof ResetUnavailable) return { ok: false, reason: error.reason };
    throw error;
  }
}

/**
 * Sets the new password through a reset link: single use (a conditional claim, so of two concurrent uses one wins),
 * every session of the user ends, a pending password change is cleared, and the person is told by email.
 */
export async function resetPassword(token: unknown, input: unknown, client: { origin: string; where: string }, now = new Date()): Promise<{ email: string }> {
  const reset = await openReset(token, now);
  const { password } = parseInput(newPasswordSchema, input);
  enforcePasswordPolicy(password, reset.user.email);
  const passwordHash = await hashPassword(password);
  const notice = isEmailConfigured() ? await passwordChangedMessage({ when: formatDateTime(now), where: client.where, how: "reset with a password reset link" }) : null;
  await db().$transaction(async (tx) => {
    const { count } = await tx.passwordReset.updateMany({
      where: { id: reset.id, usedAt: null, supersededAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (count === 0) throw new ResetUnavailable("used");
    await tx.user.update({ where: { id: reset.user.id }, data: { passwordHash, mustChangePassword: false, passwordChangedAt: now } });
    const ended = await endAllSessions(tx, reset.user.id);
    if (notice) await enqueueEmails(tx, [{ to: reset.user.email, ...notice }]);
    await audit(tx, {
      tenantId: null,
      actor: { id: reset.user.id, email: reset.user.email },
      resourceType: "USER",
      resourceId: reset.user.id,
      action: "UPDATE",
      details: `${reset.user.email} reset their password with a reset link (${ended} sessions signed out)`,
      namespaces: TENANT_WIDE,
    });
  });
  return { email: reset.user.email };
}

/** The "Your password was changed" notice for a change from the account page, when email is configured. */
export async function queuePasswordChangedNotice(tx: Tx, to: string, when: Date, where: string): Promise<void> {
  if (!isEmailConfigured()) return;
  await enqueueEmails(tx, [{ to, ...(await passwordChangedMessage({ when: formatDateTime(when), where, how: "changed from the account page" })) }]);
}
