import { can, canSomewhere, type Principal } from "@/lib/iam/authz/engine";
import { Forbidden } from "@/lib/iam/errors";
import type { Action, Permission } from "@/lib/iam/authz/permissions";

/** The server-side check every domain function starts with. No namespace: a tenant-wide check. */
export function assertCan(actor: { tenantId: string; principal: Principal }, permission: Permission, action: Action, namespace?: string | null) {
  if (!can(actor.principal, permission, action, { tenant: actor.tenantId, namespace })) {
    const where = namespace ? ` in ${namespace}` : "";
    throw new Forbidden(`You need the ${permission}:${action} permission${where} to do this.`);
  }
}

/**
 * The check every read starts with: the permission somewhere in the tenant, as the page that shows it requires (a
 * namespace-scoped grant opens the page; what it lists is then scoped by readScope where that applies).
 */
export function assertCanSomewhere(actor: { tenantId: string; principal: Principal }, permission: Permission, action: Action = "READ") {
  if (!canSomewhere(actor.principal, permission, action, actor.tenantId)) {
    throw new Forbidden(`You need the ${permission}:${action} permission to ${action === "READ" ? "see this" : "do this"}.`);
  }
}
