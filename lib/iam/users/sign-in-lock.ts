import "server-only";
import { createHash } from "node:crypto";
import { config } from "@/lib/config";
import type { Tx } from "@/lib/db/types";
import { normalizeEmail } from "@/lib/iam/normalize-email";

// The per-account sign-in lock as an admin sees it (docs/rules.md § Sign-in and sessions 2). The counters are written
// by lib/security/rate-limits.ts through rate-limiter-flexible, which stores `<limit>:<key>` rows in rate_limits; the
// domain reads and clears the account's row itself so that an unlock commits with its audit entry.
// lib/iam/users/user-admin.test.ts locks an account through rate-limits.ts and proves these keys find it.

/** rate-limits.ts's `storeKey` under the library's `<keyPrefix>:` for the "sign-in-account" limit. */
export function signInLockKey(email: string): string {
  const key = normalizeEmail(email);
  return `sign-in-account:${key.length <= 200 ? key : `sha256:${createHash("sha256").update(key).digest("hex")}`}`;
}

export interface SignInLockState {
  isLocked: boolean;
  /** Failed sign-ins counted in the current window (the lock's, while locked). */
  failures: number;
  /** When the lock (or the counting window) ends. */
  until: Date | null;
}

export async function signInLockState(client: Pick<Tx, "rateLimit">, email: string, now = new Date()): Promise<SignInLockState> {
  const row = await client.rateLimit.findUnique({ where: { key: signInLockKey(email) } });
  if (!row || (row.expire !== null && Number(row.expire) <= now.getTime())) return { isLocked: false, failures: 0, until: null };
  const max = config().SIGN_IN_ACCOUNT_MAX_FAILURES;
  return { isLocked: max > 0 && row.points > max, failures: Math.min(row.points, max || row.points), until: row.expire === null ? null : new Date(Number(row.expire)) };
}

/** Forgets the account's failed sign-ins, lock included. */
export async function clearSignInLock(tx: Tx, email: string): Promise<void> {
  await tx.rateLimit.deleteMany({ where: { key: signInLockKey(email) } });
}
