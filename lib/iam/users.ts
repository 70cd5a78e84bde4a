import "server-only";
import { db } from "@/lib/db/client";

export interface UserRow {
  id: string;
  email: string;
  name: string;
  groups: string[];
  roles: string[];
  isSuperAdmin: boolean;
  isDisabled: boolean;
  lastLoginAt: Date | null;
}

/** Users with access to the tenant, with their groups and directly bound roles in that tenant. */
export async function listTenantUsers(tenantId: string, limit = 25): Promise<UserRow[]> {
  const users = await db().user.findMany({
    where: { accesses: { some: { tenantId } } },
    orderBy: [{ email: "asc" }],
    take: limit,
    include: {
      memberships: { where: { group: { tenantId } }, include: { group: { select: { name: true } } } },
      bindings: { where: { tenantId }, include: { role: { select: { name: true } } } },
    },
  });
  return users.map((user) => ({
    id: user.id,
    email: user.email,
    name: `${user.firstName} ${user.lastName}`.trim(),
    groups: user.memberships.map((membership) => membership.group.name).sort(),
    roles: user.bindings.map((binding) => (binding.namespace ? `${binding.role.name} (${binding.namespace})` : binding.role.name)).sort(),
    isSuperAdmin: user.superAdmin,
    isDisabled: user.disabled,
    lastLoginAt: user.lastLoginAt,
  }));
}
