import "server-only";
import { db } from "@/lib/db/client";
import type { PermissionSet } from "@/lib/iam/permissions";

// Read models for the IAM tabs that are still read-only (editing arrives with the RBAC issue).

export async function listGroups(tenantId: string) {
  const groups = await db().group.findMany({
    where: { tenantId },
    orderBy: { name: "asc" },
    include: { _count: { select: { members: true } } },
  });
  return groups.map((group) => ({ id: group.id, name: group.name, description: group.description, memberCount: group._count.members }));
}

export async function listRoles(tenantId: string) {
  const roles = await db().role.findMany({ where: { tenantId }, orderBy: [{ isManaged: "desc" }, { name: "asc" }] });
  return roles.map((role) => ({
    id: role.id,
    name: role.name,
    description: role.description,
    isManaged: role.isManaged,
    permissionCount: Object.keys(role.permissions as PermissionSet).length,
  }));
}

export async function listInvitations(tenantId: string, limit = 25) {
  return db().invitation.findMany({
    where: { tenantId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    include: { invitedBy: { select: { email: true } } },
  });
}
