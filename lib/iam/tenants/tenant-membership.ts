import "server-only";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/iam/authz/actor";
import type { Grant } from "@/lib/iam/authz/engine";
import { grantsQuery } from "@/lib/iam/authz/grants";
import type { TenantMfaPolicy } from "@/lib/iam/mfa/tenant-mfa-policy";

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
  /** The tenant's two-factor policy and what mfaStanding needs about the member, read in the same round trip. */
  mfa: { policy: TenantMfaPolicy; hasFactor: boolean; joinedAt: Date | null; awaitingMfa: boolean };
}

/**
 * Whether the tenant exists, whether the user has access to it, and the grants they hold there, in one round trip:
 * every page asks twice (the tenant layout, the actor look-up) and every action once, so lib/auth/tenant-actor.ts
 * caches it per request.
 */
export async function tenantMembership(userId: string, tenantId: string): Promise<TenantMembership> {
  const none: TenantMembership = {
    tenant: null,
    hasAccess: false,
    grants: [],
    mfa: { policy: { requireMfa: false, requireMfaForSso: false, graceDays: 0, since: null }, hasFactor: false, joinedAt: null, awaitingMfa: false },
  };
  // The tenant comes from the URL or a hand-made action call: refuse what cannot be a tenant id before any query.
  if (typeof tenantId !== "string" || tenantId.length === 0 || tenantId.length > 64 || tenantId.includes("\u0000")) return none;
  const [row] = await db().$queryRaw<
    {
      id: string;
      name: string;
      joined_at: Date | null;
      grants: Grant[];
      require_mfa: boolean;
      require_mfa_for_sso: boolean;
      mfa_grace_days: number;
      require_mfa_since: Date | null;
      has_factor: boolean;
      awaiting_mfa: boolean;
    }[]
  >`
    SELECT t.id, t.name, t.require_mfa, t.require_mfa_for_sso, t.mfa_grace_days, t.require_mfa_since,
      (SELECT ta.created_at FROM tenant_access ta WHERE ta.tenant_id = t.id AND ta.user_id = ${userId}::uuid) AS joined_at,
      COALESCE((SELECT json_agg(g) FROM (${grantsQuery(userId, tenantId)}) g), '[]'::json) AS grants,
      EXISTS (SELECT 1 FROM second_factors f WHERE f.user_id = ${userId}::uuid AND f.confirmed_at IS NOT NULL) AS has_factor,
      EXISTS (
        SELECT 1 FROM invitations i
        WHERE i.tenant_id = t.id AND i.accepted_by_id = ${userId}::uuid AND i.accepted_at IS NULL AND i.revoked_at IS NULL
          AND i.require_mfa AND i.expires_at > now()
      ) AS awaiting_mfa
    FROM tenants t
    WHERE t.id = ${tenantId}`;
  if (!row) return none;
  return {
    tenant: { id: row.id, name: row.name },
    hasAccess: row.joined_at !== null,
    grants: row.grants.map(({ namespace, permissions }) => ({ namespace, permissions })),
    mfa: {
      policy: { requireMfa: row.require_mfa, requireMfaForSso: row.require_mfa_for_sso, graceDays: row.mfa_grace_days, since: row.require_mfa_since },
      hasFactor: row.has_factor,
      joinedAt: row.joined_at,
      awaitingMfa: row.awaiting_mfa,
    },
  };
}
