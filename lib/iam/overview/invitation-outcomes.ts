import "server-only";
import { db } from "@/lib/db/client";
import { sqlTimestamp as utc } from "@/lib/db/sql-timestamp";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { readableCondition, readScope } from "@/lib/iam/authz/read-scope";
import { Forbidden } from "@/lib/iam/errors";

export const OUTCOME_DAYS = 30;
export const OUTCOMES = ["sent", "accepted", "expired", "revoked"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** One UTC day (YYYY-MM-DD, the zone every page shows dates in, lib/format.ts) and what happened to invitations on it. */
export type OutcomeDay = { day: string } & Record<Outcome, number>;

const DAY_MS = 24 * 3_600_000;

/**
 * What happened to the invitations the actor may read, per UTC day over the last 30 days ending today (oldest first,
 * every day present, zeros included). Each invitation counts as sent on the day it was created, and once more on the
 * day of its outcome as invitationStatus() decides it: accepted, else revoked, else expired once its expiry has passed
 * (a revoked invitation that had expired counts as revoked only). Sent is `created_at`, not `sent_at`: a resend moves
 * `sent_at`, which would take the first sending out of its day.
 *
 * One scan of the tenant's invitations: each row yields its four (outcome, time) pairs, grouped by date_trunc.
 */
export async function invitationOutcomes(actor: TenantActor, now = new Date()): Promise<OutcomeDay[]> {
  const scope = readScope(actor.principal, "INVITATION", actor.tenantId);
  if (!scope) throw new Forbidden("You need the INVITATION:READ permission to see invitations.");
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const days = Array.from({ length: OUTCOME_DAYS }, (_, index) => new Date(today - (OUTCOME_DAYS - 1 - index) * DAY_MS).toISOString().slice(0, 10));
  const since = Prisma.sql`${utc(new Date(today - (OUTCOME_DAYS - 1) * DAY_MS))}::timestamp(3)`;
  const until = Prisma.sql`${utc(now)}::timestamp(3)`;
  const conditions = [Prisma.sql`i.tenant_id = ${actor.tenantId}`, Prisma.sql`e.at >= ${since}`, Prisma.sql`e.at <= ${until}`];
  const readable = readableCondition(scope, Prisma.raw("i.namespaces"));
  if (readable) conditions.push(readable);

  const rows = await db().$queryRaw<{ day: string; outcome: Outcome; count: number }[]>`
    SELECT to_char(date_trunc('day', e.at), 'YYYY-MM-DD') AS day, e.outcome, count(*)::int AS count
    FROM invitations i
    CROSS JOIN LATERAL (VALUES
      ('sent', i.created_at),
      ('accepted', i.accepted_at),
      ('revoked', CASE WHEN i.accepted_at IS NULL THEN i.revoked_at END),
      ('expired', CASE WHEN i.accepted_at IS NULL AND i.revoked_at IS NULL THEN i.expires_at END)
    ) AS e(outcome, at)
    WHERE ${Prisma.join(conditions, " AND ")}
    GROUP BY date_trunc('day', e.at), e.outcome`;

  const byDay = new Map(days.map((day) => [day, { day, sent: 0, accepted: 0, expired: 0, revoked: 0 }]));
  for (const row of rows) {
    const entry = byDay.get(row.day);
    if (entry) entry[row.outcome] = row.count;
  }
  return [...byDay.values()];
}
