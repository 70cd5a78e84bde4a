import "server-only";
import type { Principal } from "@/lib/iam/authorization";
import type { PermissionSet } from "@/lib/iam/permissions";
import type { DbClient } from "@/lib/db/types";

/** A user's direct and group bindings in one tenant, as the permission engine consumes them. */
export async function loadPrincipal(client: DbClient, userId: string, tenantId: string): Promise<Principal | null> {
  const user = await client.user.findUnique({ where: { id: userId }, select: { id: true, superAdmin: true, disabled: true } });
  if (!user) return null;
  // Two index look-ups (direct bindings by user; group bindings by the user's groups) rather than one OR across a
  // join, which PostgreSQL answers with a sequential scan of bindings.
  const groups = await client.groupMembership.findMany({ where: { userId, group: { tenantId } }, select: { groupId: true } });
  const select = { namespace: true, role: { select: { permissions: true } } } as const;
  const [direct, viaGroups] = await Promise.all([
    client.binding.findMany({ where: { tenantId, userId }, select }),
    groups.length ? client.binding.findMany({ where: { tenantId, groupId: { in: groups.map((group) => group.groupId) } }, select }) : [],
  ]);
  const bindings = [...direct, ...viaGroups];
  return {
    id: user.id,
    isSuperAdmin: user.superAdmin,
    isDisabled: user.disabled,
    tenantId,
    grants: bindings.map((binding) => ({ namespace: binding.namespace, permissions: binding.role.permissions as PermissionSet })),
  };
}
