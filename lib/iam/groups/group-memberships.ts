import "server-only";
import { db } from "@/lib/db/client";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { assertRecentAuthentication, isAdministrativeRole } from "@/lib/iam/mfa/step-up";
import { assertCan } from "@/lib/iam/authz/assert-can";
import { audit } from "@/lib/iam/audit/write-audit";
import { TENANT_WIDE } from "@/lib/iam/authz/concerns";
import { holdsAll } from "@/lib/iam/authz/engine";
import { Conflict, Forbidden, NotFound } from "@/lib/iam/errors";
import type { PermissionSet } from "@/lib/iam/authz/permissions";

/**
 * Adding someone to a group hands them every role bound to the group, so the actor must hold all of those
 * permissions at the same namespaces (no privilege escalation through groups).
 */
export async function addMember(actor: TenantActor, groupId: string, userId: string): Promise<void> {
  assertCan(actor, "GROUP_MEMBERSHIP", "CREATE");
  await db().$transaction(async (tx) => {
    const group = await tx.group.findFirst({ where: { id: groupId, tenantId: actor.tenantId }, include: { bindings: { include: { role: true } } } });
    if (!group) throw new NotFound("That group no longer exists.");
    const access = await tx.tenantAccess.findUnique({ where: { tenantId_userId: { tenantId: actor.tenantId, userId } }, include: { user: true } });
    if (!access) throw new NotFound("That user is not a member of this tenant.");
    for (const binding of group.bindings) {
      if (!holdsAll(actor.principal, binding.role.permissions as PermissionSet, { tenant: actor.tenantId, namespace: binding.namespace })) {
        throw new Forbidden(`Members of ${group.name} get ${binding.role.name}, which you don't fully hold yourself, so you can't add members.`);
      }
    }
    // Joining a group bound to an administrative role grants it: a recent authentication is needed, as for a binding.
    if (group.bindings.some((binding) => isAdministrativeRole(binding.role.permissions as PermissionSet))) assertRecentAuthentication(actor);
    const existing = await tx.groupMembership.findUnique({ where: { groupId_userId: { groupId, userId } } });
    if (existing) throw new Conflict(`${access.user.email} is already in ${group.name}.`);
    await tx.groupMembership.create({ data: { groupId, userId } });
    await audit(tx, {
      tenantId: actor.tenantId,
      actor,
      resourceType: "GROUP_MEMBERSHIP",
      resourceId: `${groupId}:${userId}`,
      action: "CREATE",
      details: `Added ${access.user.email} to group ${group.name}`,
      after: { group: group.name, user: access.user.email },
      namespaces: TENANT_WIDE,
    });
  });
}

export async function removeMember(actor: TenantActor, groupId: string, userId: string): Promise<void> {
  assertCan(actor, "GROUP_MEMBERSHIP", "DELETE");
  await db().$transaction(async (tx) => {
    const membership = await tx.groupMembership.findFirst({
      where: { groupId, userId, group: { tenantId: actor.tenantId } },
      include: { group: true, user: true },
    });
    if (!membership) throw new NotFound("That membership no longer exists.");
    await tx.groupMembership.delete({ where: { groupId_userId: { groupId, userId } } });
    await audit(tx, {
      tenantId: actor.tenantId,
      actor,
      resourceType: "GROUP_MEMBERSHIP",
      resourceId: `${groupId}:${userId}`,
      action: "DELETE",
      details: `Removed ${membership.user.email} from group ${membership.group.name}`,
      before: { group: membership.group.name, user: membership.user.email },
      namespaces: TENANT_WIDE,
    });
  });
}
