import "server-only";
import type { Tx } from "@/lib/db/types";

/**
 * Ends every session of a user (lib/auth/sessions.ts reads these rows on every request), inside the transaction that
 * disables them or changes their password, so the change and the sign-out commit together.
 */
export async function endAllSessions(tx: Tx, userId: string): Promise<number> {
  return (await tx.session.deleteMany({ where: { userId } })).count;
}
