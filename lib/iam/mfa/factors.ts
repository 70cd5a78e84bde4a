import "server-only";
import type { DbClient } from "@/lib/db/types";

// Reads of a user's second factors. Never the secrets: a TOTP key or a passkey's public key leaves this module only
// towards the verifier (prove-identity.ts).

export type FactorKind = "TOTP" | "PASSKEY";

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

export async function hasSecondFactor(client: DbClient, userId: string): Promise<boolean> {
  return (await client.secondFactor.count({ where: { userId, confirmedAt: { not: null } } })) > 0;
}

export async function unusedRecoveryCodes(client: DbClient, userId: string): Promise<number> {
  return client.recoveryCode.count({ where: { userId, usedAt: null } });
}

export const FACTOR_KIND_LABELS: Record<FactorKind, string> = { TOTP: "Authenticator app", PASSKEY: "Passkey" };
