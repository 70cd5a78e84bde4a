import "server-only";
import type { DbClient, Tx } from "@/lib/db/types";
import type { Prisma } from "@/lib/generated/prisma/client";
import { withMethod } from "@/lib/iam/mfa/amr";
import type { FactorKind } from "@/lib/iam/mfa/factor-kinds";

// Reads of a user's second factors, and the mark a proof of one leaves on the session. Never the secrets: a TOTP key or a passkey's public key leaves this module only
// towards the verifier (prove-identity.ts).

export type { FactorKind } from "@/lib/iam/mfa/factor-kinds";

export interface FactorSummary {
  id: string;
  kind: FactorKind;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** At most this many factors per person: enough for a phone, a laptop and spare keys, and a bound on what a row set costs. */
export const MAX_FACTORS = 10;

export async function confirmedFactors(client: DbClient, userId: string): Promise<FactorSummary[]> {
  const rows = await client.secondFactor.findMany({
    where: { userId, confirmedAt: { not: null } },
    select: { id: true, kind: true, name: true, createdAt: true, lastUsedAt: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((row) => ({ ...row, kind: row.kind as FactorKind }));
}

/** How many factors count (are confirmed): the one definition of "has two-factor authentication". */
export async function confirmedFactorCount(client: DbClient, userId: string): Promise<number> {
  return client.secondFactor.count({ where: { userId, confirmedAt: { not: null } } });
}

export async function hasSecondFactor(client: DbClient, userId: string): Promise<boolean> {
  return (await confirmedFactorCount(client, userId)) > 0;
}

/**
 * Records a proof on the session (a second factor or a step-up): the method joins its amr and authenticated_at is
 * now. `where` narrows which state the row must be in (the second step requires one still waiting for it). Answers
 * whether the row was marked.
 */
export async function markSessionProved(
  tx: Tx,
  { sessionId, method, now, where = {} }: { sessionId: string; method: string; now: Date; where?: Prisma.SessionWhereInput },
): Promise<boolean> {
  const row = await tx.session.findUnique({ where: { id: sessionId }, select: { amr: true } });
  if (!row) return false;
  const marked = await tx.session.updateMany({
    where: { id: sessionId, ...where },
    data: { amr: withMethod(row.amr, method), authenticatedAt: now, secondFactorDueBy: null },
  });
  return marked.count === 1;
}

export async function unusedRecoveryCodes(client: DbClient, userId: string): Promise<number> {
  return client.recoveryCode.count({ where: { userId, usedAt: null } });
}
