import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Grant, Principal } from "@/lib/iam/authz/engine";
import type { DbClient } from "@/lib/db/types";

/** A user's direct and group bindings in one tenant, as the permission engine consumes them. */
export async function loadPrincipal(client: DbClient, userId: string, tenantId: string): Promise<Principal | null> {
  const user = await client.user.findUnique({ where: { id: userId }, select: { id: true, superAdmin: true, disabled: true } });
  if (!user) return null;
  return { id: user.id, isSuperAdmin: user.superAdmin, isDisabled: user.disabled, tenantId, grants: await loadGrants(client, userId, tenantId) };
}

/** Every binding that applies to the user in the tenant, direct or through a group, in one round trip. */
export async function loadGrants(client: DbClient, userId: string, tenantId: string): Promise<Grant[]> {
  const rows = await client.$queryRaw<Grant[]>(grantsQuery(userId, tenantId));
  return rows.map((row) => ({ namespace: row.namespace, permissions: row.permissions }));
}

/**
 * The grants as SQL (rows of namespace, permissions), also embedded in lib/iam/tenants/tenant-membership.ts's membership look-up: every
 * page and action needs them, so they are on the hot path. Two index look-ups joined by UNION ALL rather than one OR
 * across a join, which PostgreSQL answers with a sequential scan of bindings (lib/db/query-plans.test.ts).
 */
export function grantsQuery(userId: string, tenantId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT b.namespace, r.permissions
    FROM bindings b JOIN roles r ON r.id = b.role_id
    WHERE b.tenant_id = ${tenantId} AND b.user_id = ${userId}::uuid
    UNION ALL
    SELECT b.namespace, r.permissions
    FROM group_memberships gm
    JOIN groups g ON g.id = gm.group_id AND g.tenant_id = ${tenantId}
    JOIN bindings b ON b.group_id = gm.group_id AND b.tenant_id = ${tenantId}
    JOIN roles r ON r.id = b.role_id
    WHERE gm.user_id = ${userId}::uuid`;
}
