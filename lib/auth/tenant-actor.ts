import "server-only";
import { cache } from "react";
import { forbidden } from "next/navigation";
import { currentActor, requireActor, type Actor } from "@/lib/auth/actor";
import { canSomewhere, type Principal } from "@/lib/iam/authz/engine";
import { Forbidden } from "@/lib/iam/errors";
import { tenantMembership } from "@/lib/iam/tenants/tenant-membership";
import type { Action, Permission } from "@/lib/iam/authz/permissions";

/** The actor inside one tenant: who they are plus every grant they hold there. */
export interface TenantActor extends Actor {
  tenantId: string;
  principal: Principal;
}

async function principalFor(actor: Actor, tenantId: string): Promise<Principal | null> {
  // An unknown tenant is refused even for a superadmin, who has no access rows to check.
  const { tenant, hasAccess, grants } = await tenantMembership(actor.id, tenantId);
  if (!tenant || !(actor.isSuperAdmin || hasAccess)) return null;
  // The actor was read from the database for this request (currentActor), enabled: only the grants were missing.
  return { id: actor.id, isSuperAdmin: actor.isSuperAdmin, isDisabled: false, tenantId, grants };
}

/** For pages: signed-out visitors go to /login; members of other tenants get the 403 page. */
export const pageActor = cache(async (tenantId: string): Promise<TenantActor> => {
  const actor = await requireActor();
  const principal = await principalFor(actor, tenantId);
  if (!principal) forbidden();
  return { ...actor, tenantId, principal };
});

/** For pages that need a permission somewhere in the tenant (a namespaced grant is enough to open the page). */
export async function pageActorWith(tenantId: string, permission: Permission, action: Action = "READ"): Promise<TenantActor> {
  const actor = await pageActor(tenantId);
  if (!canSomewhere(actor.principal, permission, action, tenantId)) forbidden();
  return actor;
}

/** For server actions: never redirects, throws Forbidden, which the action runner turns into a message. */
export async function actionActor(tenantId: string): Promise<TenantActor> {
  const actor = await currentActor();
  if (!actor) throw new Forbidden("Your session has ended. Sign in again to continue.");
  const principal = await principalFor(actor, tenantId);
  if (!principal) throw new Forbidden("You don't have access to this tenant.");
  return { ...actor, tenantId, principal };
}

export { assertCan } from "@/lib/iam/authz/assert-can";
