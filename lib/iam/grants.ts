import "server-only";
import type { Grant, Principal } from "@/lib/iam/authorization";
import type { PermissionSet } from "@/lib/iam/permissions";
import type { DbClient } from "@/lib/db/types";

/** A user's direct and group bindings in one tenant, as the permission engine consumes them. */
export async function loadPrincipal(client: DbClient, userId: string, tenantId: string): Promise<Principal | null> {
  const user = await client.user.findUnique({ where: { id: userId }, select: { id: true, superAdmin: true, disabled: true } });
  if (!user) return null;
  return { id: user.id, isSuperAdmin: user.superAdmin, isDisabled: user.disabled, tenantId, grants: await loadGrants(client, userId, tenantId) };
}

/**
 * Every binding that applies to the user in the tenant, direct or through a group, in one round trip: every page
 * and action loads them, so this is on the hot path. Two index look-ups joined by UNION ALL rather than one OR
 * across a join, which PostgreSQL answers with a sequential scan of bindings (lib/db/query-plans.test.ts).
 */
export async function loadGrants(client: DbClient, userId: string, tenantId: string): Promise<Grant[]> {
  const rows = await client.$queryRaw<{ namespace: string | null; permissions: PermissionSet }[]>`
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
  return rows.map((row) => ({ namespace: row.namespace, permissions: row.permissions }));
}
