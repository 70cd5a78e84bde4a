import "server-only";
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
  const tenant = await db().tenant.findUnique({ where: { id: tenantId }, select: { id: true, name: true } });
  if (!tenant) return { kind: "not-found" };
  if (actor.isSuperAdmin) return { kind: "ok", tenant };
  const access = await db().tenantAccess.findUnique({ where: { tenantId_userId: { tenantId, userId: actor.id } } });
  return access ? { kind: "ok", tenant } : { kind: "forbidden" };
}
