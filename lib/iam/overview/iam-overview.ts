import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { canSomewhere } from "@/lib/iam/authz/engine";
import { readableCondition, readScope, type ReadScope } from "@/lib/iam/authz/read-scope";
import { Forbidden } from "@/lib/iam/errors";
import { statusCondition } from "@/lib/iam/invitations/list-invitations";
import { invitationOutcomes, type OutcomeDay } from "@/lib/iam/overview/invitation-outcomes";

/**
 * The IAM section's landing page. Each part is present only when the actor may read what it counts, and counts what
 * the tab it links to lists for them: members and groups and roles tenant-wide (docs/rules.md § Known gaps 12),
 * invitations within the actor's read scope. An absent part is a section to leave out, never a zero.
 */
export interface IamOverview {
  members?: { total: number; withoutMfa: number };
  invitations?: { scope: ReadScope; pending: number; expiringSoon: number; last30Days: OutcomeDay[] };
  groups?: number;
  roles?: number;
}

export async function iamOverview(actor: TenantActor, now = new Date()): Promise<IamOverview> {
  const reads = (permission: "USER" | "GROUP" | "ROLE") => canSomewhere(actor.principal, permission, "READ", actor.tenantId);
  const invitationScope = readScope(actor.principal, "INVITATION", actor.tenantId);
  if (!reads("USER") && !invitationScope && !reads("GROUP") && !reads("ROLE")) {
    throw new Forbidden("You need the READ permission on users, invitations, groups or roles to see the IAM overview.");
  }
  const tenantId = actor.tenantId;
  const [members, invitations, groups, roles] = await Promise.all([
    reads("USER") ? memberCounts(tenantId) : undefined,
    invitationScope ? invitationSummary(actor, invitationScope, now) : undefined,
    reads("GROUP") ? db().group.count({ where: { tenantId } }) : undefined,
    reads("ROLE") ? db().role.count({ where: { tenantId } }) : undefined,
  ]);
  return { members, invitations, groups, roles };
}

/** The Users tab's rows, and those its `mfa=off` filter keeps (no confirmed factor), in one pass over the tenant's access. */
async function memberCounts(tenantId: string) {
  const [row] = await db().$queryRaw<{ total: number; without_mfa: number }[]>`
    SELECT count(*)::int AS total,
      count(*) FILTER (WHERE NOT EXISTS (
        SELECT 1 FROM second_factors f WHERE f.user_id = ta.user_id AND f.confirmed_at IS NOT NULL))::int AS without_mfa
    FROM tenant_access ta
    WHERE ta.tenant_id = ${tenantId}`;
  return { total: row.total, withoutMfa: row.without_mfa };
}

async function invitationSummary(actor: TenantActor, scope: ReadScope, now: Date): Promise<NonNullable<IamOverview["invitations"]>> {
  const [counts, last30Days] = await Promise.all([pendingCounts(actor.tenantId, scope, now), invitationOutcomes(actor, now)]);
  return { scope, ...counts, last30Days };
}

/** With the Invitations tab's own status conditions, so each count is what `status=PENDING` / `EXPIRING_SOON` lists. */
async function pendingCounts(tenantId: string, scope: ReadScope, now: Date) {
  const conditions = [Prisma.sql`i.tenant_id = ${tenantId}`, statusCondition("PENDING", now)];
  const readable = readableCondition(scope, Prisma.raw("i.namespaces"));
  if (readable) conditions.push(readable);
  const [row] = await db().$queryRaw<{ pending: number; expiring_soon: number }[]>`
    SELECT count(*)::int AS pending, count(*) FILTER (WHERE ${statusCondition("EXPIRING_SOON", now)})::int AS expiring_soon
    FROM invitations i
    WHERE ${Prisma.join(conditions, " AND ")}`;
  return { pending: row.pending, expiringSoon: row.expiring_soon };
}
