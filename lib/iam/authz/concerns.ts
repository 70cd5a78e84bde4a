import type { ResolvedAccess } from "@/lib/iam/invitations/invitation-access";

/**
 * What an audit entry or an invitation concerns: the namespaces it is about, stored with it (audit_logs.namespaces,
 * invitations.namespaces). An empty list means the whole tenant. A reader whose READ grants are on namespaces only
 * sees a row when every one of its namespaces is within their reach (lib/iam/authz/read-scope.ts); a tenant-wide row needs
 * tenant-wide READ. Hence the rule below answers "tenant-wide" whenever a change might reach beyond named
 * namespaces, and a row written without a value (or before the column existed) is tenant-wide.
 *
 * - BINDING: a binding on namespace X → [X]; a tenant-wide binding → [] (whether the subject is a user or a group).
 * - NAMESPACE: creating or deleting X → [X] (each parent created along with it has its own entry).
 * - INVITATION, and TENANT_ACCESS granted directly to an existing account (the same access, applied at once): the
 *   namespaces of the role it grants; [] when that role is tenant-wide, when it grants groups (a group's bindings
 *   may be tenant-wide, and may change after the invitation is sent), superadmin, or tenant access alone. An
 *   invitation's resend, revocation and acceptance concern what the invitation does.
 * - USER, GROUP, ROLE, GROUP_MEMBERSHIP, TENANT_ACCESS removal, SECURITY: [] — a user's flags and membership of the
 *   tenant, a group (and so its members) with all of its bindings, a role wherever it is bound: none is confined to
 *   namespaces.
 */
export const TENANT_WIDE: readonly string[] = Object.freeze([]);

export function bindingConcerns(namespace: string | null): readonly string[] {
  return namespace === null ? TENANT_WIDE : [namespace];
}

export function namespaceConcerns(name: string): readonly string[] {
  return [name];
}

export function accessConcerns(access: Pick<ResolvedAccess, "groups" | "role" | "superAdmin">): readonly string[] {
  if (access.superAdmin || access.groups.length > 0 || !access.role?.namespaces.length) return TENANT_WIDE;
  return [...new Set(access.role.namespaces)].sort();
}
