import "server-only";
import { cache } from "react";
import { forbidden, redirect } from "next/navigation";
import { currentActor, requireActor } from "@/lib/auth/current-actor";
import type { Actor, SessionActor, TenantActor } from "@/lib/iam/authz/actor";
import { mfaStanding, type MfaStanding } from "@/lib/iam/mfa/tenant-mfa-policy";
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

/** Where the tenant's two-factor policy leaves this session (docs/rules.md § Two-factor authentication 6). */
export async function requestMfaStanding(actor: SessionActor, tenantId: string): Promise<MfaStanding> {
  const { mfa } = await requestMembership(actor.id, tenantId);
  return mfaStanding(mfa.policy, { hasFactor: mfa.hasFactor, amr: actor.amr, joinedAt: mfa.joinedAt });
}

export const SECURITY_PATH = "/account/security";

/**
 * For pages: a tenant that requires a second factor this session lacks sends to the step that gives it; an
 * invitation waiting for the person's first factor sends them to set one up.
 */
async function enforceMfa(actor: SessionActor, tenantId: string, isMember: boolean): Promise<void> {
  const { mfa } = await requestMembership(actor.id, tenantId);
  if (!isMember) {
    if (mfa.awaitingMfa) redirect(`${SECURITY_PATH}?join=${encodeURIComponent(tenantId)}`);
    return;
  }
  const standing = await requestMfaStanding(actor, tenantId);
  const back = encodeURIComponent(`/${tenantId}`);
  if (standing.state === "verify") redirect(`/account/verify?callbackUrl=${back}`);
  if (standing.state === "enrol") redirect(`${SECURITY_PATH}?required=${encodeURIComponent(tenantId)}`);
}

/** For the tenant layout: does the tenant exist, and may the signed-in visitor open it. */
export async function requestTenant(tenantId: string): Promise<TenantLookup> {
  const actor = await requireActor();
  const lookup = await openTenant(actor, tenantId, requestMembership);
  if (lookup.kind !== "not-found") await enforceMfa(actor, tenantId, lookup.kind === "ok");
  return lookup;
}

/** The tenant actor as signed in through the console: also its session (how it was authenticated, and when). */
export type ConsoleTenantActor = TenantActor & SessionActor;

/**
 * For pages: signed-out visitors go to /login; members of other tenants get the 403 page; the tenant's two-factor
 * policy may send the visitor to verify or set up a factor first (enforceMfa).
 */
export const pageActor = cache(async (tenantId: string): Promise<ConsoleTenantActor> => {
  const actor = await requireActor();
  const principal = await principalFor(actor, tenantId);
  await enforceMfa(actor, tenantId, principal !== null);
  if (!principal) forbidden();
  return { ...actor, tenantId, principal };
});

/** For pages that need a permission somewhere in the tenant (a namespaced grant is enough to open the page). */
export async function pageActorWith(tenantId: string, permission: Permission, action: Action = "READ"): Promise<ConsoleTenantActor> {
  const actor = await pageActor(tenantId);
  if (!canSomewhere(actor.principal, permission, action, tenantId)) forbidden();
  return actor;
}

/** For server actions: never redirects, throws Forbidden, which the action runner turns into a message. */
export async function actionActor(tenantId: string): Promise<ConsoleTenantActor> {
  const actor = await currentActor();
  if (!actor) throw new Forbidden("Your session has ended. Sign in again to continue.");
  if (actor.mustChangePassword) throw new Forbidden(MUST_CHANGE_PASSWORD);
  const principal = await principalFor(actor, tenantId);
  if (!principal) throw new Forbidden("You don't have access to this tenant.");
  const standing = await requestMfaStanding(actor, tenantId);
  if (standing.state === "verify") throw new Forbidden("This tenant requires two-factor authentication: verify it's you with your second factor, then try again.");
  if (standing.state === "enrol") throw new Forbidden("This tenant requires two-factor authentication: set it up in Your account › Security first.");
  return { ...actor, tenantId, principal };
}
