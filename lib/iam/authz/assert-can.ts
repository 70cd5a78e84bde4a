import { can, type Principal } from "@/lib/iam/authz/engine";
import { Forbidden } from "@/lib/iam/errors";
import type { Action, Permission } from "@/lib/iam/authz/permissions";

/** The server-side check every domain function starts with. No namespace: a tenant-wide check. */
export function assertCan(actor: { tenantId: string; principal: Principal }, permission: Permission, action: Action, namespace?: string | null) {
  if (!can(actor.principal, permission, action, { tenant: actor.tenantId, namespace })) {
    const where = namespace ? ` in ${namespace}` : "";
    throw new Forbidden(`You need the ${permission}:${action} permission${where} to do this.`);
  }
}
