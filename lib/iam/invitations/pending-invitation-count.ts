import "server-only";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { readableCondition, readScope } from "@/lib/iam/authz/read-scope";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { statusCondition } from "@/lib/iam/invitations/list-invitations";

/**
 * How many pending invitations the reader may see: the Users tab's "3 pending invitations", which links to the
 * Invitations tab's `status=PENDING` and so counts with its status condition and scope (§ Delegation 6). null when
 * the reader holds INVITATION:READ nowhere (then there is no link to show, rather than a zero).
 */
export async function countPendingInvitations(actor: TenantActor, now = new Date()): Promise<number | null> {
  const scope = readScope(actor.principal, "INVITATION", actor.tenantId);
  if (!scope) return null;
  const conditions = [Prisma.sql`i.tenant_id = ${actor.tenantId}`, statusCondition("PENDING", now)];
  const readable = readableCondition(scope, Prisma.raw("i.namespaces"));
  if (readable) conditions.push(readable);
  const [{ count }] = await db().$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM invitations i WHERE ${Prisma.join(conditions, " AND ")}`;
  return count;
}
