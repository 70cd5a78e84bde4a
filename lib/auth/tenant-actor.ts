import "server-only";
import { cache } from "react";
import { forbidden } from "next/navigation";
import { currentActor, requireActor } from "@/lib/auth/current-actor";
import type { Actor, TenantActor } from "@/lib/iam/authz/actor";
import { canSomewhere, type Principal } from "@/lib/iam/authz/engine";
import type { Action, Permission } from "@/lib/iam/authz/permissions";
import { Forbidden } from "@/lib/iam/errors";
import { MUST_CHANGE_PASSWORD } from "@/lib/iam/account/account-rules";
import { openTenant, tenantMembership, type TenantLookup } from "@/lib/iam/tenants/tenant-membership";

// The request's side of authorization: who is signed in (lib/auth/current-actor.ts) inside which tenant. The domain decides
// what that actor may do; this file only builds the TenantActor every domain function takes.

/** One membership query per request: the tenant layout and the page both need it. Outside a render it calls through. */
const requestMembership = cache(tenantMembership);

async function principalFor(actor: Actor, tenantId: string): Promise<Principal | null> {
  // An unknown tenant is refused even for a superadmin, who has no access rows to check.
  const { tenant, hasAccess, grants } = await requestMembership(actor.id, tenantId);
  if (!tenant || !(actor.isSuperAdmin || hasAccess)) return null;
  // The actor was read from the database for this request (currentActor), enabled: only the grants were missing.
  return { id: actor.id, isSuperAdmin: actor.isSuperAdmin, isDisabled: false, tenantId, grants };
}

/** For the tenant layout: does the tenant exist, and may the signed-in visitor open it. */
export async function requestTenant(tenantId: string): Promise<TenantLookup> {
  return openTenant(await requireActor(), tenantId, requestMembership);
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
  if (actor.mustChangePassword) throw new Forbidden(MUST_CHANGE_PASSWORD);
  const principal = await principalFor(actor, tenantId);
  if (!principal) throw new Forbidden("You don't have access to this tenant.");
  return { ...actor, tenantId, principal };
}
