import "server-only";
import { normalizeEmail } from "@/lib/iam/normalize-email";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { hashPassword } from "@/lib/iam/passwords/password-hashing";
import { db } from "@/lib/db/client";
import type { DbClient, Tx } from "@/lib/db/types";
import { accessOfInvitation, applyAccess, assertMayGrant, describeAccess, type ResolvedAccess } from "@/lib/iam/invitations/invitation-access";
import { displayName } from "@/lib/iam/users/display-name";
import { audit } from "@/lib/iam/audit/write-audit";
import { DomainError, Forbidden } from "@/lib/iam/errors";
import { loadPrincipal } from "@/lib/iam/authz/grants";
import { invitationStatus } from "@/lib/iam/invitations/invitation-status";
import { hashToken, isWellFormedToken } from "@/lib/iam/invitations/invitation-tokens";
import { enforcePasswordPolicy } from "@/lib/iam/passwords/enforce-password-policy";
import type { CreateAccountInput } from "@/lib/iam/users/account-schemas";
import { Prisma } from "@/lib/generated/prisma/client";
import { hasSecondFactor } from "@/lib/iam/mfa/factors";

/**
 * Why a link cannot be used; each has its own page. `refused`: the inviter may no longer grant this access;
 * `replaced`: a resend gave the invitation a newer link (docs/rules.md § Invitations 15).
 */
export type UnavailableReason = "invalid" | "replaced" | "expired" | "used" | "revoked" | "refused";

export class InvitationUnavailable extends DomainError {
  constructor(readonly reason: UnavailableReason) {
    super(`This invitation is ${reason}.`);
  }
}

export interface InvitationView {
  id: string;
  email: string;
  tenantId: string;
  tenantName: string;
  inviterName: string;
  access: ResolvedAccess;
  accessSummary: string;
  expiresAt: Date;
  hasAccount: boolean;
  /** The access is granted once the invitee has a second factor; the page says so before they accept. */
  requireMfa: boolean;
}

async function findByToken(client: DbClient, token: string) {
  if (!isWellFormedToken(token)) return null;
  return client.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { tenant: true, invitedBy: true },
  });
}

/** A well-formed token that opens no invitation: one a resend replaced, or nothing at all. */
async function unknownTokenReason(client: DbClient, token: string): Promise<"replaced" | "invalid"> {
  if (!isWellFormedToken(token)) return "invalid";
  const replaced = await client.replacedInvitationToken.findUnique({ where: { tokenHash: hashToken(token) }, select: { tokenHash: true } });
  return replaced ? "replaced" : "invalid";
}

function unavailableReason(invitation: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }): UnavailableReason | null {
  const status = invitationStatus(invitation, new Date());
  return status === "PENDING" ? null : ({ ACCEPTED: "used", REVOKED: "revoked", EXPIRED: "expired" } as const)[status];
}

/** What the accept page shows. Throws InvitationUnavailable for every link that cannot be accepted. */
export async function viewInvitation(token: string): Promise<InvitationView> {
  const invitation = await findByToken(db(), token);
  if (!invitation) throw new InvitationUnavailable(await unknownTokenReason(db(), token));
  const reason = unavailableReason(invitation);
  if (reason) throw new InvitationUnavailable(reason);
  const access = await accessOfInvitation(db(), invitation.id);
  // Checked on view too, so an invitee whose inviter lost the right sees why at once, not after filling the form.
  await assertInviterMayStillGrant(db(), invitation, access);
  const account = await db().user.findUnique({ where: { email: invitation.email }, select: { id: true } });
  const inviter = invitation.invitedBy;
  return {
    id: invitation.id,
    email: invitation.email,
    tenantId: invitation.tenantId,
    tenantName: invitation.tenant.name,
    inviterName: inviter ? displayName(inviter) : "A former administrator",
    access,
    accessSummary: describeAccess(access),
    expiresAt: invitation.expiresAt,
    hasAccount: Boolean(account),
    requireMfa: invitation.requireMfa,
  };
}

/**
 * Claims the invitation with one conditional update (pending, not expired, not revoked) inside the caller's
 * transaction: of many concurrent accepts exactly one gets the row, the others see it already used.
 */
async function claim(tx: Tx, token: string) {
  if (!isWellFormedToken(token)) throw new InvitationUnavailable("invalid");
  const [claimed] = await tx.$queryRaw<{ id: string }[]>`
    UPDATE invitations SET accepted_at = now()
    WHERE token_hash = ${hashToken(token)} AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
    RETURNING id`;
  if (claimed) return tx.invitation.findUniqueOrThrow({ where: { id: claimed.id }, include: { invitedBy: true } });
  const invitation = await findByToken(tx, token);
  throw new InvitationUnavailable(invitation ? (unavailableReason(invitation) ?? "used") : await unknownTokenReason(tx, token));
}

/** Inviter authority is checked again at acceptance: rights lost (or the inviter removed) since then → refused. */
async function assertInviterMayStillGrant(tx: DbClient, invitation: { tenantId: string; invitedById: string | null }, access: ResolvedAccess) {
  const inviter = invitation.invitedById ? await loadPrincipal(tx, invitation.invitedById, invitation.tenantId) : null;
  if (!inviter) throw new InvitationUnavailable("refused");
  try {
    assertMayGrant(inviter, invitation.tenantId, access);
  } catch (error) {
    if (error instanceof Forbidden) throw new InvitationUnavailable("refused");
    throw error;
  }
}

/** `awaitingMfa`: the invitation requires a second factor, so the account exists but the access waits for one. */
export interface Acceptance {
  tenantId: string;
  awaitingMfa: boolean;
}

export async function acceptWithNewAccount(token: string, input: CreateAccountInput): Promise<Acceptance & { userId: string; email: string }> {
  const preview = await viewInvitation(token);
  // The policy is enforced here, not only in the form, so no caller can create an account with a weak password.
  enforcePasswordPolicy(input.password, preview.email);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db().$transaction(async (tx) => {
      const data = { email: preview.email, firstName: input.firstName, lastName: input.lastName, passwordHash, lastLoginAt: new Date() };
      if (preview.requireMfa) {
        const user = await tx.user.create({ data });
        const invitation = await reserveForMfa(tx, { token }, user);
        return { userId: user.id, email: user.email, tenantId: invitation.tenantId, awaitingMfa: true };
      }
      const invitation = await claim(tx, token);
      const access = await accessOfInvitation(tx, invitation.id);
      await assertInviterMayStillGrant(tx, invitation, access);
      const user = await tx.user.create({ data: { ...data, email: invitation.email } });
      await finishAcceptance(tx, invitation, user, access, "created an account");
      return { userId: user.id, email: user.email, tenantId: invitation.tenantId, awaitingMfa: false };
    });
  } catch (error) {
    // Someone created an account with this email meanwhile: the existing-account path applies.
    if (isUniqueViolation(error)) throw new InvitationUnavailable("used");
    throw error;
  }
}

/** The signed-in user accepts: their email must be the invited one (it cannot be changed). */
export async function acceptAsExistingUser(token: string, userId: string): Promise<Acceptance> {
  return db().$transaction(async (tx) => {
    const found = await findByToken(tx, token);
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (found && (!user || user.disabled || user.email !== found.email)) {
      throw new Forbidden(`This invitation is for ${found.email}. Sign in with that account to accept it.`);
    }
    if (found?.requireMfa && user && !(await hasSecondFactor(tx, user.id))) {
      const invitation = await reserveForMfa(tx, { token }, user);
      return { tenantId: invitation.tenantId, awaitingMfa: true };
    }
    const invitation = await claim(tx, token);
    if (!user || user.disabled || user.email !== invitation.email) {
      throw new Forbidden(`This invitation is for ${invitation.email}. Sign in with that account to accept it.`);
    }
    const access = await accessOfInvitation(tx, invitation.id);
    await assertInviterMayStillGrant(tx, invitation, access);
    await finishAcceptance(tx, invitation, user, access, "accepted with an existing account");
    return { tenantId: invitation.tenantId, awaitingMfa: false };
  });
}

/**
 * An invitation that requires a second factor, accepted by someone who has none yet: it is tied to their account
 * (acceptedById) and stays pending, its access not granted, until they set one up (grantInvitationsAwaitingMfa).
 * Conditional like claim(): pending, and not already tied to another account.
 */
async function reserveForMfa(tx: Tx, by: { token: string } | { id: string }, user: { id: string; email: string }) {
  const match = "token" in by ? Prisma.sql`token_hash = ${hashToken(by.token)}` : Prisma.sql`id = ${by.id}::uuid`;
  const [reserved] = await tx.$queryRaw<{ id: string }[]>`
    UPDATE invitations SET accepted_by_id = ${user.id}::uuid
    WHERE ${match} AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
      AND (accepted_by_id IS NULL OR accepted_by_id = ${user.id}::uuid)
    RETURNING id`;
  if (!reserved) throw new InvitationUnavailable("used");
  const invitation = await tx.invitation.findUniqueOrThrow({ where: { id: reserved.id } });
  const access = await accessOfInvitation(tx, invitation.id);
  await assertInviterMayStillGrant(tx, invitation, access);
  await audit(tx, {
    tenantId: invitation.tenantId,
    actor: { id: user.id, email: user.email },
    resourceType: "INVITATION",
    resourceId: invitation.id,
    action: "UPDATE",
    details: `${user.email} accepted; the access is granted once they set up two-factor authentication`,
    after: { status: "PENDING", awaiting: "two-factor authentication" },
    namespaces: invitation.namespaces,
  });
  return invitation;
}

/**
 * Grants the invitations that waited for this person's second factor, in the transaction that confirms their first
 * one. One whose inviter may no longer grant its access stays pending (its page says why). Answers the tenants' names.
 */
export async function grantInvitationsAwaitingMfa(tx: Tx, user: { id: string; email: string }): Promise<string[]> {
  const waiting = await tx.invitation.findMany({
    where: { acceptedById: user.id, acceptedAt: null, revokedAt: null, requireMfa: true, expiresAt: { gt: new Date() } },
    include: { tenant: { select: { name: true } } },
    orderBy: { createdAt: "asc" },
  });
  const joined: string[] = [];
  for (const invitation of waiting) {
    const access = await accessOfInvitation(tx, invitation.id);
    try {
      await assertInviterMayStillGrant(tx, invitation, access);
    } catch (error) {
      if (error instanceof InvitationUnavailable) continue;
      throw error;
    }
    const [claimed] = await tx.$queryRaw<{ id: string }[]>`
      UPDATE invitations SET accepted_at = now()
      WHERE id = ${invitation.id}::uuid AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
      RETURNING id`;
    if (!claimed) continue;
    await finishAcceptance(tx, invitation, user, access, "set up two-factor authentication and joined");
    joined.push(invitation.tenant.name);
  }
  return joined;
}

async function finishAcceptance(
  tx: Tx,
  invitation: { id: string; tenantId: string; email: string; namespaces: string[] },
  user: { id: string; email: string },
  access: ResolvedAccess,
  how: string,
) {
  await applyAccess(tx, invitation.tenantId, user.id, access);
  await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedById: user.id } });
  await audit(tx, {
    tenantId: invitation.tenantId,
    actor: { id: user.id, email: user.email },
    resourceType: "INVITATION",
    resourceId: invitation.id,
    action: "ACCEPT",
    details: `${user.email} ${how}: ${describeAccess(access)}`,
    before: { status: "PENDING" },
    after: { status: "ACCEPTED", access: describeAccess(access) },
    // The invitation's own, so that its entries are readable by exactly those who see it in the list.
    namespaces: invitation.namespaces,
  });
}

/** What an identity provider told us about the person signing in. */
export interface SsoIdentity {
  provider: string;
  subject: string;
  email: string | null;
  isEmailVerified: boolean;
  firstName: string;
  lastName: string;
}

export type SsoRefusal = UnavailableReason | "unverified-email" | "email-mismatch" | "account-exists";

export class SsoAcceptanceRefused extends DomainError {
  constructor(readonly reason: SsoRefusal) {
    super(`SSO acceptance refused: ${reason}`);
  }
}

/**
 * Accept via SSO: the provider's verified email must equal the invited one (case-insensitive); then one transaction
 * creates the user without a password, links the provider account and grants the access. Any refusal creates nothing.
 */
export async function acceptViaSso(invitationId: string, identity: SsoIdentity): Promise<Acceptance & { userId: string }> {
  return db().$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({ where: { id: invitationId } });
    if (!invitation) throw new SsoAcceptanceRefused("invalid");
    const reason = unavailableReason(invitation);
    if (reason) throw new SsoAcceptanceRefused(reason);
    if (!identity.isEmailVerified || !identity.email) throw new SsoAcceptanceRefused("unverified-email");
    if (normalizeEmail(identity.email) !== invitation.email) throw new SsoAcceptanceRefused("email-mismatch");
    if (await tx.user.findUnique({ where: { email: invitation.email } })) throw new SsoAcceptanceRefused("account-exists");
    const newUser = {
      email: invitation.email,
      firstName: identity.firstName,
      lastName: identity.lastName,
      lastLoginAt: new Date(),
      accounts: { create: { provider: identity.provider, providerAccountId: identity.subject } },
    };
    if (invitation.requireMfa) {
      const user = await tx.user.create({ data: newUser });
      try {
        await reserveForMfa(tx, { id: invitation.id }, user);
      } catch (error) {
        if (error instanceof InvitationUnavailable) throw new SsoAcceptanceRefused(error.reason);
        throw error;
      }
      return { userId: user.id, tenantId: invitation.tenantId, awaitingMfa: true };
    }

    const [claimed] = await tx.$queryRaw<{ id: string }[]>`
      UPDATE invitations SET accepted_at = now()
      WHERE id = ${invitation.id}::uuid AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
      RETURNING id`;
    if (!claimed) throw new SsoAcceptanceRefused("used");
    const access = await accessOfInvitation(tx, invitation.id);
    try {
      await assertInviterMayStillGrant(tx, invitation, access);
    } catch (error) {
      if (error instanceof InvitationUnavailable) throw new SsoAcceptanceRefused(error.reason);
      throw error;
    }
    const user = await tx.user.create({ data: newUser });
    await finishAcceptance(tx, invitation, user, access, `accepted via SSO (${identity.provider})`);
    return { userId: user.id, tenantId: invitation.tenantId, awaitingMfa: false };
  });
}
