import "server-only";
import { cache } from "react";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";

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

export async function openTenant(actor: Actor, tenantId: string): Promise<TenantLookup> {
  const tenant = await findTenant(tenantId);
  if (!tenant) return { kind: "not-found" };
  if (actor.isSuperAdmin) return { kind: "ok", tenant };
  return (await hasTenantAccess(tenantId, actor.id)) ? { kind: "ok", tenant } : { kind: "forbidden" };
}

// The tenant layout and the actor look-up both ask these for one render: cache() makes that one query each per
// request (outside a render, e.g. in a server action, it simply calls through).
export const findTenant = cache(
  async (tenantId: string): Promise<TenantSummary | null> => db().tenant.findUnique({ where: { id: tenantId }, select: { id: true, name: true } }),
);

export const hasTenantAccess = cache(
  async (tenantId: string, userId: string): Promise<boolean> =>
    Boolean(await db().tenantAccess.findUnique({ where: { tenantId_userId: { tenantId, userId } }, select: { userId: true } })),
);
