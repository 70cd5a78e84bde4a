import "server-only";
import type { DbClient, Tx } from "@/lib/db/types";
import type { Prisma } from "@/lib/generated/prisma/client";
import { can, holdsAll, type Principal } from "@/lib/iam/authz/engine";
import { mayRead, readScope } from "@/lib/iam/authz/read-scope";
import { assertNamespacesRegistered } from "@/lib/iam/bindings/role-bindings";
import { Forbidden, NotFound } from "@/lib/iam/errors";
import type { PermissionSet } from "@/lib/iam/authz/permissions";
import type { AccessInput } from "@/lib/iam/invitations/invitation-schemas";

// The access an invitation grants, resolved against the database, plus the one rule for who may grant it. The rule
// runs when inviting, resending, granting access directly, and again at acceptance against the inviter's rights then.

export interface ResolvedAccess {
  groups: { id: string; name: string; bindings: { roleName: string; permissions: PermissionSet; namespace: string | null }[] }[];
  role?: { id: string; name: string; permissions: PermissionSet; namespaces: string[] };
  superAdmin: boolean;
}

export async function resolveAccess(tx: Tx, tenantId: string, access: AccessInput, superAdmin: boolean): Promise<ResolvedAccess> {
  if (access.mode === "GROUP") {
    const ids = [...new Set(access.groupIds)];
    const groups = await tx.group.findMany({
      where: { tenantId, id: { in: ids } },
      include: { bindings: { include: { role: true } } },
      orderBy: { name: "asc" },
    });
    if (groups.length !== ids.length) throw new NotFound("One of the chosen groups no longer exists.");
    return {
      superAdmin,
      groups: groups.map((group) => ({
        id: group.id,
        name: group.name,
        bindings: group.bindings.map((binding) => ({ roleName: binding.role.name, permissions: binding.role.permissions as PermissionSet, namespace: binding.namespace })),
      })),
    };
  }
  const role = await tx.role.findFirst({ where: { id: access.roleId, tenantId } });
  if (!role) throw new NotFound("The chosen role no longer exists.");
  const namespaces = [...new Set(access.namespaces)].sort();
  await assertNamespacesRegistered(tx, tenantId, namespaces);
  return { superAdmin, groups: [], role: { id: role.id, name: role.name, permissions: role.permissions as PermissionSet, namespaces } };
}

/**
 * docs/rules.md § Invitations: the inviter needs INVITATION:CREATE where the access applies and may grant only what they hold there
 * themselves; namespace-scoped admins never grant tenant-wide, elsewhere, or into groups; only a superadmin grants
 * superadmin. The message names what is missing, so it can be shown as it is.
 */
export function assertMayGrant(principal: Principal, tenantId: string, access: ResolvedAccess): void {
  const scope = (namespace: string | null) => ({ tenant: tenantId, namespace });
  if (access.superAdmin && !principal.isSuperAdmin) throw new Forbidden("Only a superadmin can invite a superadmin.");
  if (access.groups.length > 0) {
    if (!can(principal, "INVITATION", "CREATE", scope(null)) || !can(principal, "GROUP_MEMBERSHIP", "CREATE", scope(null))) {
      throw new Forbidden("Inviting into groups needs tenant-wide INVITATION:CREATE and GROUP_MEMBERSHIP:CREATE.");
    }
    for (const group of access.groups) {
      for (const binding of group.bindings) {
        if (!holdsAll(principal, binding.permissions, scope(binding.namespace))) {
          throw new Forbidden(`Group ${group.name} grants ${binding.roleName}${binding.namespace ? ` on ${binding.namespace}` : ""}, which you don't fully hold yourself.`);
        }
      }
    }
  }
  if (access.role) {
    const scopes = access.role.namespaces.length ? access.role.namespaces : [null];
    for (const namespace of scopes) {
      const where = namespace ? `on ${namespace}` : "tenant-wide";
      if (!can(principal, "INVITATION", "CREATE", scope(namespace))) throw new Forbidden(`You need INVITATION:CREATE ${where} to invite there.`);
      if (!holdsAll(principal, access.role.permissions, scope(namespace))) {
        throw new Forbidden(`You can only grant ${access.role.name} ${where} if you hold all of its permissions there.`);
      }
    }
  }
}

/**
 * May the principal resend or revoke an invitation that concerns these namespaces (its stored `namespaces`, by the
 * rule of lib/iam/authz/concerns.ts)? The action is needed on each; on none of them, it is tenant-wide.
 */
export function mayManageInvitation(principal: Principal, tenantId: string, concerns: readonly string[], action: "DELETE" | "UPDATE"): boolean {
  const namespaces = concerns.length ? concerns : [null];
  return namespaces.every((namespace) => can(principal, "INVITATION", action, { tenant: tenantId, namespace }));
}

/**
 * Whether the principal may resend this invitation today, by the checks resendInvitation makes: read it (§ Delegation
 * 6), INVITATION:UPDATE on what it concerns (§ Delegation 8), and grant its access (§ Invitations 9). Used to choose
 * whom a renewal request is sent to, so nobody is asked to do what they would be refused.
 */
export function mayResendInvitation(principal: Principal, tenantId: string, concerns: readonly string[], access: ResolvedAccess): boolean {
  const scope = readScope(principal, "INVITATION", tenantId);
  if (!scope || !mayRead(scope, concerns) || !mayManageInvitation(principal, tenantId, concerns, "UPDATE")) return false;
  try {
    assertMayGrant(principal, tenantId, access);
    return true;
  } catch (error) {
    if (error instanceof Forbidden) return false;
    throw error;
  }
}

/** Gives a user the access (tenant membership, groups, role bindings); what they already have is kept as is. */
export async function applyAccess(tx: Tx, tenantId: string, userId: string, access: ResolvedAccess): Promise<void> {
  await tx.tenantAccess.createMany({ data: [{ tenantId, userId }], skipDuplicates: true });
  if (access.groups.length) {
    await tx.groupMembership.createMany({ data: access.groups.map((group) => ({ groupId: group.id, userId })), skipDuplicates: true });
  }
  if (access.role) {
    const existing = await tx.binding.findMany({ where: { tenantId, userId, roleId: access.role.id }, select: { namespace: true } });
    const scopes = access.role.namespaces.length ? access.role.namespaces : [null];
    const fresh = scopes.filter((namespace) => !existing.some((binding) => binding.namespace === namespace));
    await tx.binding.createMany({ data: fresh.map((namespace) => ({ tenantId, type: "USER" as const, userId, roleId: access.role!.id, namespace })) });
  }
  if (access.superAdmin) await tx.user.update({ where: { id: userId }, data: { superAdmin: true } });
}

/** "Groups Data team, Platform" · "Developer on company.team" · "Viewer tenant-wide" (+ superadmin): as a held role reads. */
export function describeAccess(access: ResolvedAccess): string {
  const parts: string[] = [];
  if (access.groups.length) parts.push(`${access.groups.length === 1 ? "Group" : "Groups"} ${access.groups.map((group) => group.name).join(", ")}`);
  if (access.role) parts.push(access.role.namespaces.length ? `${access.role.name} on ${access.role.namespaces.join(", ")}` : `${access.role.name} tenant-wide`);
  if (access.superAdmin) parts.push("Superadmin");
  return parts.join(" · ") || "Tenant access only";
}

/** What to load with an invitation to know the access it grants. */
export const invitationAccessInclude = {
  groups: { include: { group: { include: { bindings: { include: { role: true } } } } } },
  roles: { include: { role: true } },
} satisfies Prisma.InvitationInclude;

export type InvitationWithAccess = Prisma.InvitationGetPayload<{ include: typeof invitationAccessInclude }>;

/** The access an existing invitation grants, from its stored groups and roles (deleted groups drop out). */
export function accessFromStored(invitation: InvitationWithAccess): ResolvedAccess {
  const [stored] = invitation.roles;
  return {
    superAdmin: invitation.superAdmin,
    groups: invitation.groups
      .map(({ group }) => ({
        id: group.id,
        name: group.name,
        bindings: group.bindings.map((binding) => ({ roleName: binding.role.name, permissions: binding.role.permissions as PermissionSet, namespace: binding.namespace })),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    role: stored && { id: stored.role.id, name: stored.role.name, permissions: stored.role.permissions as PermissionSet, namespaces: [...(stored.namespaces ?? [])].sort() },
  };
}

export async function accessOfInvitation(client: DbClient, invitationId: string): Promise<ResolvedAccess> {
  return accessFromStored(await client.invitation.findUniqueOrThrow({ where: { id: invitationId }, include: invitationAccessInclude }));
}
