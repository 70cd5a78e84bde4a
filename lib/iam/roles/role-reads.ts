import "server-only";
import { db } from "@/lib/db/client";
import type { DbClient } from "@/lib/db/types";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { assertCanSomewhere } from "@/lib/iam/authz/assert-can";
import { can } from "@/lib/iam/authz/engine";
import { ACTIONS, PERMISSIONS, type PermissionSet } from "@/lib/iam/authz/permissions";
import { readableCondition, readScope, type ReadScope } from "@/lib/iam/authz/read-scope";
import { NotFound } from "@/lib/iam/errors";
import { invitationStatus } from "@/lib/iam/invitations/invitation-status";
import { roleIdSchema } from "@/lib/iam/roles/role-schemas";
import { ROLE_USAGE_COUNT_CAP, ROLE_USAGE_SHOWN, type RoleUsage } from "@/lib/iam/roles/role-usage";

export { ROLE_USAGE_COUNT_CAP, ROLE_USAGE_SHOWN, type RoleUsage };

// Reading roles: the list, one role, where it is used, and what the actor could put into one. Writes: role-writes.ts.

export interface RoleSummary {
  id: string;
  name: string;
  description: string;
  isManaged: boolean;
  bindingCount: number;
}

export interface RoleDetail {
  id: string;
  name: string;
  description: string;
  isManaged: boolean;
  permissions: PermissionSet;
}

export async function listRoles(actor: TenantActor): Promise<RoleSummary[]> {
  assertCanSomewhere(actor, "ROLE", "READ");
  const roles = await db().role.findMany({
    where: { tenantId: actor.tenantId },
    orderBy: [{ isManaged: "desc" }, { name: "asc" }],
    include: { _count: { select: { bindings: true } } },
  });
  return roles.map((role) => ({
    id: role.id,
    name: role.name,
    description: role.description,
    isManaged: role.isManaged,
    bindingCount: role._count.bindings,
  }));
}

/** The role, or null when the id is malformed, unknown, or another tenant's (all look the same). */
export async function getRole(actor: TenantActor, roleId: string): Promise<RoleDetail | null> {
  assertCanSomewhere(actor, "ROLE", "READ");
  if (!roleIdSchema.safeParse(roleId).success) return null;
  const role = await db().role.findFirst({
    where: { id: roleId, tenantId: actor.tenantId },
    select: { id: true, name: true, description: true, isManaged: true, permissions: true },
  });
  if (!role) return null;
  return {
    id: role.id,
    name: role.name,
    description: role.description,
    isManaged: role.isManaged,
    permissions: role.permissions as PermissionSet,
  };
}

/** Where the actor's tenant's role is in use, with the invitations listed that the actor may read. */
export async function getRoleUsage(actor: TenantActor, roleId: string): Promise<RoleUsage> {
  assertCanSomewhere(actor, "ROLE", "READ");
  const role = roleIdSchema.safeParse(roleId).success ? await db().role.findFirst({ where: { id: roleId, tenantId: actor.tenantId }, select: { id: true } }) : null;
  if (!role) throw new NotFound("That role no longer exists.");
  return roleUsage(db(), role.id, readScope(actor.principal, "INVITATION", actor.tenantId));
}

/**
 * Where a role is in use. The invitations listed by email are those `invitationScope` may read (readScope of
 * INVITATION: none when null), as in the Invitations tab; the counts take them all, for they only say how many.
 */
export async function roleUsage(client: DbClient, roleId: string, invitationScope: ReadScope | null, now = new Date()): Promise<RoleUsage> {
  const readable = invitationScope && readableCondition(invitationScope, Prisma.raw("i.namespaces"));
  const [bindings, [{ bindingCount }], invitations, [{ invitationCount }]] = await Promise.all([
    // Served in order by bindings_role_id_type_created_at_id_idx: the first ones, whatever the role's reach.
    client.binding.findMany({
      where: { roleId },
      include: { user: { select: { email: true } }, group: { select: { name: true } } },
      orderBy: [{ type: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      take: ROLE_USAGE_SHOWN,
    }),
    // Counted along the same index (its order makes that the plan even when nearly every binding has this role), and
    // no further than the cap.
    client.$queryRaw<{ bindingCount: number }[]>`
      SELECT count(*)::int AS "bindingCount" FROM (
        SELECT 1 FROM bindings WHERE role_id = ${roleId}::uuid ORDER BY role_id, type, created_at, id LIMIT ${ROLE_USAGE_COUNT_CAP + 1}) AS capped`,
    // The role's open invitations by email: the tenant's invitations in email order, each probed for the role, so a
    // role on 10,000 invitations costs 50 probes; a rarely used role is found from invitation_roles instead.
    invitationScope
      ? client.$queryRaw<{ id: string; email: string; accepted_at: Date | null; revoked_at: Date | null; expires_at: Date }[]>`
          SELECT i.id, i.email, i.accepted_at, i.revoked_at, i.expires_at FROM invitations i
          WHERE i.tenant_id = (SELECT tenant_id FROM roles WHERE id = ${roleId}::uuid) AND i.accepted_at IS NULL AND i.revoked_at IS NULL
            AND EXISTS (SELECT 1 FROM invitation_roles ir WHERE ir.invitation_id = i.id AND ir.role_id = ${roleId}::uuid)
            ${readable ? Prisma.sql`AND ${readable}` : Prisma.empty}
          ORDER BY i.email, i.id
          LIMIT ${ROLE_USAGE_SHOWN}`
      : Promise.resolve([]),
    // A scalar subquery, not a join: one primary-key probe per invitation of the role, stopping at the cap, where a
    // join would hash both tables whole for a role on most invitations.
    client.$queryRaw<{ invitationCount: number }[]>`
      SELECT count(*)::int AS "invitationCount" FROM (
        SELECT 1 FROM invitation_roles ir
        WHERE ir.role_id = ${roleId}::uuid
          AND (SELECT i.accepted_at IS NULL AND i.revoked_at IS NULL FROM invitations i WHERE i.id = ir.invitation_id)
        LIMIT ${ROLE_USAGE_COUNT_CAP + 1}) AS capped`,
  ]);
  return {
    bindingCount,
    invitationCount,
    bindings: bindings.map((binding) => ({
      id: binding.id,
      subject: binding.type,
      label: binding.user?.email ?? binding.group?.name ?? "(unknown)",
      namespace: binding.namespace,
    })),
    invitations: invitations.map((invitation) => ({
      id: invitation.id,
      email: invitation.email,
      status:
        invitationStatus({ acceptedAt: invitation.accepted_at, revokedAt: invitation.revoked_at, expiresAt: invitation.expires_at }, now) === "EXPIRED"
          ? ("EXPIRED" as const)
          : ("PENDING" as const),
    })),
  };
}

/** Each permission × action cell the actor holds tenant-wide: what they may put into a role. */
export function grantablePermissions(actor: TenantActor): PermissionSet {
  const grantable: PermissionSet = {};
  for (const permission of PERMISSIONS) {
    const actions = ACTIONS.filter((action) => can(actor.principal, permission, action, { tenant: actor.tenantId }));
    if (actions.length) grantable[permission] = actions;
  }
  return grantable;
}
