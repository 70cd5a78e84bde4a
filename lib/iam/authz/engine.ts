import { namespaceCovers } from "@/lib/iam/namespaces/namespace-names";
import type { Action, Permission, PermissionSet } from "@/lib/iam/authz/permissions";

// The permission engine: one pure function used by pages, server actions and route handlers alike.
// Loading the grants (lib/iam/authz/grants.ts) is separate so the rules can be tested exhaustively without a database.

/** One role binding as it applies to a user: directly or through a group. namespace null = tenant-wide. */
export interface Grant {
  permissions: PermissionSet;
  namespace: string | null;
}

export interface Principal {
  id: string;
  isSuperAdmin: boolean;
  isDisabled: boolean;
  /** The tenant these grants belong to; a principal's grants never apply in another tenant. */
  tenantId: string;
  grants: Grant[];
}

export interface Scope {
  tenant: string;
  /** Omitted: the check is tenant-wide, and only tenant-wide grants satisfy it. */
  namespace?: string | null;
}

export function can(principal: Principal, permission: Permission, action: Action, scope: Scope): boolean {
  if (principal.isDisabled) return false;
  if (principal.isSuperAdmin) return true;
  if (principal.tenantId !== scope.tenant) return false;
  const target = scope.namespace ?? null;
  return principal.grants.some(
    (grant) => namespaceCovers(grant.namespace, target) && (grant.permissions[permission] ?? []).includes(action),
  );
}

/** True when some grant, in any namespace, allows the action: decides what the navigation shows. */
export function canSomewhere(principal: Principal, permission: Permission, action: Action, tenant: string): boolean {
  if (principal.isDisabled) return false;
  if (principal.isSuperAdmin) return true;
  if (principal.tenantId !== tenant) return false;
  return principal.grants.some((grant) => (grant.permissions[permission] ?? []).includes(action));
}

/**
 * No privilege escalation: granting a role at a namespace (null = tenant-wide) requires holding every one of
 * its permissions there yourself. Superadmins hold everything.
 */
export function holdsAll(principal: Principal, permissions: PermissionSet, scope: Scope): boolean {
  return Object.entries(permissions).every(([permission, actions]) =>
    (actions ?? []).every((action) => can(principal, permission as Permission, action, scope)),
  );
}

/** The namespaces (null = tenant-wide) where the principal holds a permission; used to scope pickers. */
export function reachOf(principal: Principal, permission: Permission, action: Action): (string | null)[] {
  if (principal.isSuperAdmin) return [null];
  return principal.grants.filter((grant) => (grant.permissions[permission] ?? []).includes(action)).map((grant) => grant.namespace);
}
