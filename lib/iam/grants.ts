import "server-only";
import type { Principal } from "@/lib/iam/authorization";
import type { PermissionSet } from "@/lib/iam/permissions";
import type { DbClient } from "@/lib/db/types";

/** A user's direct and group bindings in one tenant, as the permission engine consumes them. */
export async function loadPrincipal(client: DbClient, userId: string, tenantId: string): Promise<Principal | null> {
  const user = await client.user.findUnique({ where: { id: userId }, select: { id: true, superAdmin: true, disabled: true } });
  if (!user) return null;
  const bindings = await client.binding.findMany({
    where: { tenantId, OR: [{ userId }, { group: { members: { some: { userId } } } }] },
    select: { namespace: true, role: { select: { permissions: true } } },
  });
  return {
    id: user.id,
    isSuperAdmin: user.superAdmin,
    isDisabled: user.disabled,
    tenantId,
    grants: bindings.map((binding) => ({ namespace: binding.namespace, permissions: binding.role.permissions as PermissionSet })),
  };
}
