import "server-only";
import type { TenantActor } from "@/lib/auth/tenant-actor";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/types";
import { isEmailConfigured, sendInvitationEmail, type DeliveryOutcome } from "@/lib/email/send-invitation";
import { formatDateTime } from "@/lib/format";
import { accessOfInvitation, applyAccess, assertMayGrant, describeAccess, mayManageInvitation, resolveAccess } from "@/lib/iam/access";
import { audit } from "@/lib/iam/audit";
import { Conflict, Forbidden, NotFound } from "@/lib/iam/errors";
import { invitationExpiry, invitationLink } from "@/lib/iam/invitation-links";
import { invitationStatus } from "@/lib/iam/invitation-status";
import type { InviteInput } from "@/lib/iam/schemas/invitations";
import { hashToken, newToken } from "@/lib/iam/tokens";

export type InviteOutcome =
  | { kind: "invited"; invitationId: string; email: string; link: string; delivery: DeliveryOutcome }
  | { kind: "access-granted"; email: string }
  | { kind: "already-pending"; invitationId: string; email: string }
  | { kind: "already-member"; email: string };

interface Delivery {
  invitationId: string;
  email: string;
  token: string;
  expiresAt: Date;
  accessSummary: string;
}

/**
 * Invites one person (DESIGN.md rules). One transaction writes the invitation (token hash only) and its audit entry;
 * the email goes out after it commits, so a failed send never loses the invitation.
 */
export async function createInvitation(actor: TenantActor, input: InviteInput, origin: string): Promise<InviteOutcome> {
  const outcome = await db().$transaction((tx) => inviteInTransaction(tx, actor, input));
  if (outcome.kind !== "created") return outcome;
  return { kind: "invited", ...(await deliver(actor, outcome.delivery, origin)) };
}

type TransactionOutcome = Exclude<InviteOutcome, { kind: "invited" }> | { kind: "created"; delivery: Delivery };

export async function inviteInTransaction(tx: Tx, actor: TenantActor, input: InviteInput): Promise<TransactionOutcome> {
  const tenantId = actor.tenantId;
  // Serializes invitations to one address in one tenant, so two admins clicking Invite at once make one invitation.
  await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(hashtext(${`invite:${tenantId}:${input.email}`}))`;
  const access = await resolveAccess(tx, tenantId, input.access, input.superAdmin);
  assertMayGrant(actor.principal, tenantId, access);

  const user = await tx.user.findUnique({ where: { email: input.email }, include: { accesses: { where: { tenantId } } } });
  if (user?.accesses.length) return { kind: "already-member", email: input.email };
  if (user) {
    // Kestra answers 204 here: an existing account simply gets the access, no invitation needed.
    await applyAccess(tx, tenantId, user.id, access);
    await audit(tx, {
      tenantId,
      actor,
      resourceType: "TENANT_ACCESS",
      resourceId: user.id,
      action: "CREATE",
      details: `Granted ${user.email} access directly (existing account): ${describeAccess(access)}`,
      after: { email: user.email, access: describeAccess(access) },
    });
    return { kind: "access-granted", email: input.email };
  }

  const pending = await tx.invitation.findFirst({
    where: { tenantId, email: input.email, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
  });
  if (pending) return { kind: "already-pending", invitationId: pending.id, email: input.email };

  const token = newToken();
  const expiresAt = invitationExpiry();
  const invitation = await tx.invitation.create({
    data: {
      tenantId,
      email: input.email,
      tokenHash: hashToken(token),
      superAdmin: access.superAdmin,
      invitedById: actor.id,
      expiresAt,
      deliveryStatus: isEmailConfigured() ? "QUEUED" : "NOT_CONFIGURED",
      groups: { create: access.groups.map((group) => ({ groupId: group.id })) },
      roles: access.role ? { create: [{ roleId: access.role.id, namespaces: access.role.namespaces }] } : undefined,
    },
  });
  await audit(tx, {
    tenantId,
    actor,
    resourceType: "INVITATION",
    resourceId: invitation.id,
    action: "CREATE",
    details: `Invited ${input.email}: ${describeAccess(access)}`,
    after: { email: input.email, access: describeAccess(access), expiresAt: expiresAt.toISOString() },
  });
  return { kind: "created", delivery: { invitationId: invitation.id, email: input.email, token, expiresAt, accessSummary: describeAccess(access) } };
}

async function deliver(actor: TenantActor, delivery: Delivery, origin: string) {
  const link = invitationLink(delivery.token, origin);
  const tenant = await db().tenant.findUniqueOrThrow({ where: { id: actor.tenantId } });
  const outcome = await sendInvitationEmail(delivery.email, {
    inviterName: actor.name,
    tenantName: tenant.name,
    accessSummary: delivery.accessSummary,
    link,
    expiresAt: formatDateTime(delivery.expiresAt),
  });
  if (outcome !== "NOT_CONFIGURED") {
    await db().invitation.update({ where: { id: delivery.invitationId }, data: { deliveryStatus: outcome } });
  }
  return { invitationId: delivery.invitationId, email: delivery.email, link, delivery: outcome };
}

async function manageable(tx: Tx, actor: TenantActor, invitationId: string, action: "DELETE" | "UPDATE") {
  const invitation = await tx.invitation.findFirst({ where: { id: invitationId, tenantId: actor.tenantId } });
  if (!invitation) throw new NotFound("That invitation no longer exists.");
  const access = await accessOfInvitation(tx, invitation.id);
  if (!mayManageInvitation(actor.principal, actor.tenantId, access, action)) {
    throw new Forbidden(`You need INVITATION:${action} where this invitation grants access.`);
  }
  return { invitation, access };
}

/** Resend: a new token (the old link stops working) and a new expiry; the link is shown again and emailed. */
export async function resendInvitation(actor: TenantActor, invitationId: string, origin: string) {
  const delivery = await db().$transaction(async (tx): Promise<Delivery> => {
    const { invitation, access } = await manageable(tx, actor, invitationId, "UPDATE");
    const status = invitationStatus(invitation, new Date());
    if (status === "ACCEPTED" || status === "REVOKED") throw new Conflict(`This invitation was ${status.toLowerCase()}; invite ${invitation.email} again instead.`);
    // Resending grants the access anew, so the resender must be allowed to grant it today.
    assertMayGrant(actor.principal, actor.tenantId, access);
    const token = newToken();
    const expiresAt = invitationExpiry();
    await tx.invitation.update({
      where: { id: invitation.id },
      data: { tokenHash: hashToken(token), expiresAt, sentAt: new Date(), deliveryStatus: isEmailConfigured() ? "QUEUED" : "NOT_CONFIGURED" },
    });
    await audit(tx, {
      tenantId: actor.tenantId,
      actor,
      resourceType: "INVITATION",
      resourceId: invitation.id,
      action: "RESEND",
      details: `Resent the invitation to ${invitation.email} with a new link`,
      before: { expiresAt: invitation.expiresAt.toISOString() },
      after: { expiresAt: expiresAt.toISOString() },
    });
    return { invitationId: invitation.id, email: invitation.email, token, expiresAt, accessSummary: describeAccess(access) };
  });
  return deliver(actor, delivery, origin);
}

export async function revokeInvitation(actor: TenantActor, invitationId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const { invitation, access } = await manageable(tx, actor, invitationId, "DELETE");
    if (invitation.acceptedAt) throw new Conflict(`${invitation.email} already accepted; remove them from the tenant instead.`);
    if (invitation.revokedAt) return;
    await tx.invitation.update({ where: { id: invitation.id }, data: { revokedAt: new Date() } });
    await audit(tx, {
      tenantId: actor.tenantId,
      actor,
      resourceType: "INVITATION",
      resourceId: invitation.id,
      action: "REVOKE",
      details: `Revoked the invitation to ${invitation.email} (${describeAccess(access)})`,
      before: { status: invitationStatus(invitation, new Date()) },
      after: { status: "REVOKED" },
    });
  });
}

