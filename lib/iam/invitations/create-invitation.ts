import "server-only";
import { randomUUID } from "node:crypto";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/types";
import { dropUnsentEmails } from "@/lib/email/outbox";
import { wakeOutboxWorker } from "@/lib/email/outbox-worker";
import {
  accessOfInvitation,
  applyAccess,
  assertMayGrant,
  describeAccess,
  mayManageInvitation,
  resolveAccess,
  type ResolvedAccess,
} from "@/lib/iam/invitations/invitation-access";
import { audit } from "@/lib/iam/audit/write-audit";
import { accessConcerns } from "@/lib/iam/authz/concerns";
import { Conflict, Forbidden, NotFound } from "@/lib/iam/errors";
import { deliveryStatus, queueInvitationEmails, type Delivery, type DeliveryOutcome } from "@/lib/iam/invitations/invitation-delivery";
import { resendEntry, revokeEntry } from "@/lib/iam/invitations/invitation-audit-entries";
import { invitationExpiry } from "@/lib/iam/invitations/invitation-links";
import { insertInvitations } from "@/lib/iam/invitations/insert-invitations";
import { invitationStatus } from "@/lib/iam/invitations/invitation-status";
import { mayRead, readScope } from "@/lib/iam/authz/read-scope";
import type { AccessInput, InviteInput } from "@/lib/iam/invitations/invitation-schemas";
import { hashToken, newToken } from "@/lib/iam/invitations/invitation-tokens";
import { assertRecentAuthentication, grantsAdministration } from "@/lib/iam/mfa/step-up";

export type { DeliveryOutcome } from "@/lib/iam/invitations/invitation-delivery";

export type InviteOutcome =
  | { kind: "invited"; invitationId: string; email: string; link: string; delivery: DeliveryOutcome }
  | { kind: "access-granted"; email: string }
  | { kind: "already-pending"; invitationId: string; email: string }
  | { kind: "already-member"; email: string };

/**
 * Invites one person (docs/rules.md § Invitations). One transaction writes the invitation (token hash only), its audit entry and,
 * when email is configured, the email in the outbox, which sends it after the commit (with retries): a failed send
 * never loses the invitation, and a rolled-back invitation is never emailed.
 */
export async function createInvitation(actor: TenantActor, input: InviteInput, origin: string): Promise<InviteOutcome> {
  const outcome = await db().$transaction(async (tx) => {
    const outcome = await inviteInTransaction(tx, actor, input);
    if (outcome.kind !== "created") return outcome;
    return { kind: "invited" as const, ...(await queueInvitationEmails(tx, actor, [outcome.delivery], origin))[0] };
  });
  if (outcome.kind === "invited" && outcome.delivery === "QUEUED") wakeOutboxWorker();
  return outcome;
}

export type TransactionOutcome = Exclude<InviteOutcome, { kind: "invited" }> | { kind: "created"; delivery: Delivery };

/** One invite inside the caller's transaction: lock the address, authorize the access, apply the rules. */
export async function inviteInTransaction(tx: Tx, actor: TenantActor, input: InviteInput): Promise<TransactionOutcome> {
  await lockAddresses(tx, actor.tenantId, [input.email]);
  const access = await grantableAccess(tx, actor, input.access, input.superAdmin);
  return (await inviteAddresses(tx, actor, [input.email], access, { requireMfa: input.requireMfa })).get(input.email)!;
}

/** The access an invite grants, checked against what the actor may grant; throws Forbidden or NotFound. */
export async function grantableAccess(tx: Tx, actor: TenantActor, access: AccessInput, superAdmin: boolean): Promise<ResolvedAccess> {
  const resolved = await resolveAccess(tx, actor.tenantId, access, superAdmin);
  assertMayGrant(actor.principal, actor.tenantId, resolved);
  // Granting superadmin or an administrative role needs a recent authentication (docs/rules.md § Two-factor authentication 5).
  if (grantsAdministration(resolved)) assertRecentAuthentication(actor);
  return resolved;
}

/**
 * Serializes invitations to one address in one tenant until the transaction ends, so two admins clicking Invite at
 * once make one invitation. Locks are taken in sorted order, so that concurrent bulk invites never deadlock.
 */
export async function lockAddresses(tx: Tx, tenantId: string, emails: string[]): Promise<void> {
  const keys = [...new Set(emails)].sort().map((email) => `invite:${tenantId}:${email}`);
  await tx.$queryRaw`SELECT count(pg_advisory_xact_lock(hashtext(key))) FROM unnest(${keys}::text[]) AS key`;
}

/**
 * The rules for each address, whose lock (lockAddresses) the caller holds, with an access already authorized: a
 * member of the tenant → already-member; an existing account → the access directly, no invitation (Kestra answers
 * 204 here); a pending invitation → already-pending; anyone else → a new invitation (token hash only) and its audit
 * entry. A few queries whatever the number of addresses, so a bulk invite of 500 stays within its budget.
 * `requireMfa`: an existing account without a second factor gets an invitation instead, which grants the access once
 * they have set one up.
 */
export async function inviteAddresses(
  tx: Tx,
  actor: TenantActor,
  emails: string[],
  access: ResolvedAccess,
  { requireMfa = false }: { requireMfa?: boolean } = {},
): Promise<Map<string, TransactionOutcome>> {
  const tenantId = actor.tenantId;
  const summary = describeAccess(access);
  const users = await tx.user.findMany({
    where: { email: { in: emails } },
    include: { accesses: { where: { tenantId } }, _count: { select: { secondFactors: { where: { confirmedAt: { not: null } } } } } },
  });
  const pending = await tx.invitation.findMany({
    where: { tenantId, email: { in: emails }, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, email: true },
  });
  const userByEmail = new Map(users.map((user) => [user.email, user]));
  const pendingByEmail = new Map(pending.map((invitation) => [invitation.email, invitation.id]));

  const outcomes = new Map<string, TransactionOutcome>();
  const created: Delivery[] = [];
  for (const email of new Set(emails)) {
    const user = userByEmail.get(email);
    const pendingId = pendingByEmail.get(email);
    if (user?.accesses.length) {
      outcomes.set(email, { kind: "already-member", email });
    } else if (user && !(requireMfa && user._count.secondFactors === 0)) {
      await applyAccess(tx, tenantId, user.id, access);
      await audit(tx, {
        tenantId,
        actor,
        resourceType: "TENANT_ACCESS",
        resourceId: user.id,
        action: "CREATE",
        details: `Granted ${user.email} access directly (existing account): ${summary}`,
        after: { email: user.email, access: summary },
        namespaces: accessConcerns(access),
      });
      outcomes.set(email, { kind: "access-granted", email });
    } else if (pendingId) {
      outcomes.set(email, { kind: "already-pending", invitationId: pendingId, email });
    } else {
      const delivery = { invitationId: randomUUID(), email, token: newToken(), expiresAt: invitationExpiry(), accessSummary: summary };
      created.push(delivery);
      outcomes.set(email, { kind: "created", delivery });
    }
  }
  if (created.length) await insertInvitations(tx, actor, created, access, deliveryStatus(), { requireMfa });
  return outcomes;
}

/** The invitation, if the actor may see it in the list (INVITATION:READ where it applies) and act on it there. */
async function manageable(tx: Tx, actor: TenantActor, invitationId: string, action: "DELETE" | "UPDATE") {
  const invitation = await tx.invitation.findFirst({ where: { id: invitationId, tenantId: actor.tenantId } });
  if (!invitation) throw new NotFound("That invitation no longer exists.");
  const scope = readScope(actor.principal, "INVITATION", actor.tenantId);
  if (!scope || !mayRead(scope, invitation.namespaces)) throw new Forbidden("You need INVITATION:READ where this invitation grants access.");
  const access = await accessOfInvitation(tx, invitation.id);
  if (!mayManageInvitation(actor.principal, actor.tenantId, invitation.namespaces, action)) {
    throw new Forbidden(`You need INVITATION:${action} where this invitation grants access.`);
  }
  return { invitation, access };
}

/**
 * Resend: a new token (the old link stops working, and says a newer one was sent: docs/rules.md § Invitations 15) and
 * a new expiry; the link is shown again and emailed. It answers an open renewal request, which it clears.
 */
export async function resendInvitation(actor: TenantActor, invitationId: string, origin: string) {
  const resent = await db().$transaction(async (tx) => {
    const { invitation, access } = await manageable(tx, actor, invitationId, "UPDATE");
    const status = invitationStatus(invitation, new Date());
    if (status === "ACCEPTED" || status === "REVOKED") throw new Conflict(`This invitation was ${status.toLowerCase()}; invite ${invitation.email} again instead.`);
    // Resending grants the access anew, so the resender must be allowed to grant it today.
    assertMayGrant(actor.principal, actor.tenantId, access);
    const token = newToken();
    const expiresAt = invitationExpiry();
    await tx.invitation.update({
      where: { id: invitation.id },
      data: { tokenHash: hashToken(token), expiresAt, sentAt: new Date(), deliveryStatus: deliveryStatus(), renewalRequestedAt: null },
    });
    await tx.replacedInvitationToken.createMany({ data: [{ tokenHash: invitation.tokenHash, invitationId: invitation.id }], skipDuplicates: true });
    await dropUnsentEmails(tx, invitation.id);
    await audit(tx, resendEntry(actor, invitation, expiresAt));
    const delivery = { invitationId: invitation.id, email: invitation.email, token, expiresAt, accessSummary: describeAccess(access) };
    return (await queueInvitationEmails(tx, actor, [delivery], origin))[0];
  });
  if (resent.delivery === "QUEUED") wakeOutboxWorker();
  return resent;
}

export async function revokeInvitation(actor: TenantActor, invitationId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const { invitation, access } = await manageable(tx, actor, invitationId, "DELETE");
    if (invitation.acceptedAt) throw new Conflict(`${invitation.email} already accepted; remove them from the tenant instead.`);
    if (invitation.revokedAt) return;
    await tx.invitation.update({ where: { id: invitation.id }, data: { revokedAt: new Date() } });
    await audit(tx, revokeEntry(actor, invitation, access, new Date()));
  });
}

