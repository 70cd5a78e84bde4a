import "server-only";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/iam/authz/actor";
import type { Grant } from "@/lib/iam/authz/engine";
import { grantsQuery } from "@/lib/iam/authz/grants";

export interface TenantSummary {
  id: string;
  name: string;
}

/** Tenants the actor may open: all of them for a superadmin, else those they have access to. */
export async function tenantsOf(actor: Actor): Promise<TenantSummary[]> {
  return db().tenant.findMany({
    where: actor.isSuperAdmin ? {} : { accesses: { some: { userId: actor.id } } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

export type TenantLookup = { kind: "ok"; tenant: TenantSummary } | { kind: "not-found" } | { kind: "forbidden" };

/** `load`: the caller's membership loader, e.g. one cached per request (the domain keeps no per-request state). */
export async function openTenant(actor: Actor, tenantId: string, load = tenantMembership): Promise<TenantLookup> {
  const { tenant, hasAccess } = await load(actor.id, tenantId);
  if (!tenant) return { kind: "not-found" };
  return actor.isSuperAdmin || hasAccess ? { kind: "ok", tenant } : { kind: "forbidden" };
}

export interface TenantMembership {
  /** null: no such tenant (or not a possible tenant id). */
  tenant: TenantSummary | null;
  hasAccess: boolean;
  grants: Grant[];
}

/**
 * Whether the tenant exists, whether the user has access to it, and the grants they hold there, in one round trip:
 * every page asks twice (the tenant layout, the actor look-up) and every action once, so lib/auth/tenant-actor.ts
 * caches it per request.
 */
export async function tenantMembership(userId: string, tenantId: string): Promise<TenantMembership> {
  const none: TenantMembership = { tenant: null, hasAccess: false, grants: [] };
  // The tenant comes from the URL or a hand-made action call: refuse what cannot be a tenant id before any query.
  if (typeof tenantId !== "string" || tenantId.length === 0 || tenantId.length > 64 || tenantId.includes("\u0000")) return none;
  const [row] = await db().$queryRaw<{ id: string; name: string; has_access: boolean; grants: Grant[] }[]>`
    SELECT t.id, t.name,
      EXISTS (SELECT 1 FROM tenant_access ta WHERE ta.tenant_id = t.id AND ta.user_id = ${userId}::uuid) AS has_access,
      COALESCE((SELECT json_agg(g) FROM (${grantsQuery(userId, tenantId)}) g), '[]'::json) AS grants
    FROM tenants t
    WHERE t.id = ${tenantId}`;
  if (!row) return none;
  return { tenant: { id: row.id, name: row.name }, hasAccess: row.has_access, grants: row.grants.map(({ namespace, permissions }) => ({ namespace, permissions })) };
}
