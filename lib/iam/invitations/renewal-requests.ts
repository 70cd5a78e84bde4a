import "server-only";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { readableCondition, readScope } from "@/lib/iam/authz/read-scope";
import { db } from "@/lib/db/client";
import { sqlTimestamp } from "@/lib/db/sql-timestamp";
import { Prisma } from "@/lib/generated/prisma/client";
import { Forbidden } from "@/lib/iam/errors";

/**
 * An open renewal request (docs/rules.md § Invitations 14) as a condition on `invitations i`: asked for, and the
 * invitation still expired (a resend clears the request; accepting or revoking ends it).
 */
export function openRenewalRequest(now: Date): Prisma.Sql {
  const at = Prisma.sql`${sqlTimestamp(now)}::timestamp(3)`;
  return Prisma.sql`i.renewal_requested_at IS NOT NULL AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at <= ${at}`;
}

/**
 * How many invitations the reader may see have an open renewal request: the Invitations tab's banner. Scoped like
 * the list (§ Delegation 6), served by invitations_tenant_id_renewal_requested_at_idx.
 */
export async function countRenewalRequests(actor: TenantActor, now = new Date()): Promise<number> {
  const scope = readScope(actor.principal, "INVITATION", actor.tenantId);
  if (!scope) throw new Forbidden("You need the INVITATION:READ permission to see invitations.");
  const conditions = [Prisma.sql`i.tenant_id = ${actor.tenantId}`, openRenewalRequest(now)];
  const readable = readableCondition(scope, Prisma.raw("i.namespaces"));
  if (readable) conditions.push(readable);
  const [{ count }] = await db().$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM invitations i WHERE ${Prisma.join(conditions, " AND ")}`;
  return count;
}
