import "server-only";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { db } from "@/lib/db/client";
import { can, canSomewhere, holdsAll, reachOf } from "@/lib/iam/authz/engine";
import { Forbidden } from "@/lib/iam/errors";
import { groupOptions, namespaceNames, roleOptions } from "@/lib/iam/picker-options";
import { namespaceCovers } from "@/lib/iam/namespaces/namespace-names";
import type { PermissionSet } from "@/lib/iam/authz/permissions";

/** What kind of invitation the actor may send; decides whether the Users tab shows "Invite" at all. */
export interface InviteRights {
  canInvite: boolean;
  /** INVITATION:CREATE and GROUP_MEMBERSHIP:CREATE tenant-wide: only then may an invitation put someone in groups. */
  canInviteIntoGroups: boolean;
  /** False for namespace-scoped admins: they must restrict the role to their namespaces. */
  isTenantWide: boolean;
}

export function inviteRights(actor: TenantActor): InviteRights {
  const { principal, tenantId: tenant } = actor;
  return {
    canInvite: canSomewhere(principal, "INVITATION", "CREATE", tenant),
    canInviteIntoGroups: can(principal, "INVITATION", "CREATE", { tenant }) && can(principal, "GROUP_MEMBERSHIP", "CREATE", { tenant }),
    isTenantWide: reachOf(principal, "INVITATION", "CREATE").includes(null),
  };
}

/** A role the dialog offers, or one a group carries, with what it grants: the dialog previews the invitee's access. */
export interface ChoiceRole {
  id: string;
  name: string;
  permissions: PermissionSet;
}

/** The Invite dialog's pickers. */
export interface InviteChoices {
  /** With each group's bindings (namespace null = tenant-wide), whose roles the invitee would get by joining it. */
  groups: { id: string; name: string; bindings: { id: string; role: ChoiceRole; namespace: string | null }[] }[];
  roles: ChoiceRole[];
  namespaces: string[];
}

/**
 * What the Invite dialog offers the actor: only what they could grant (lib/iam/invitations/invitation-access.ts has the rule, and the server
 * applies it again on every invite). Read when the dialog opens, not with every Users page: most views invite nobody.
 */
export async function inviteChoices(actor: TenantActor): Promise<InviteChoices> {
  const { principal, tenantId: tenant } = actor;
  const rights = inviteRights(actor);
  if (!rights.canInvite) throw new Forbidden("You need the INVITATION:CREATE permission to invite people.");
  const reach = reachOf(principal, "INVITATION", "CREATE");
  const [groups, groupBindings, roles, namespaces] = await Promise.all([
    rights.canInviteIntoGroups ? groupOptions(db(), tenant) : [],
    // Only for whoever may invite into groups, who is told a group's bindings when inviting into it anyway
    // (assertMayGrant's refusal names them).
    rights.canInviteIntoGroups
      ? db().binding.findMany({
          // group_id IS NOT NULL: a range of bindings_tenant_id_group_id_idx, never the tenant's user bindings.
          where: { tenantId: tenant, groupId: { not: null } },
          select: { id: true, groupId: true, namespace: true, role: { select: { id: true, name: true, permissions: true } } },
          orderBy: [{ role: { name: "asc" } }, { namespace: "asc" }],
        })
      : [],
    roleOptions(db(), tenant),
    namespaceNames(db(), tenant),
  ]);
  const bindingsOf = new Map<string, InviteChoices["groups"][number]["bindings"]>();
  for (const { id, groupId, namespace, role } of groupBindings) {
    if (!groupId) continue;
    const list = bindingsOf.get(groupId) ?? [];
    list.push({ id, namespace, role: { ...role, permissions: role.permissions as PermissionSet } });
    bindingsOf.set(groupId, list);
  }
  return {
    groups: groups.map((group) => ({ ...group, bindings: bindingsOf.get(group.id) ?? [] })),
    roles: roles
      .filter((role) => reach.some((namespace) => holdsAll(principal, role.permissions as PermissionSet, { tenant, namespace })))
      .map((role) => ({ id: role.id, name: role.name, permissions: role.permissions as PermissionSet })),
    namespaces: namespaces.filter((name) => reach.some((granted) => namespaceCovers(granted, name))),
  };
}
