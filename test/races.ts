import pg from "pg";
import { db } from "@/lib/db/client";

// Forcing an interleaving rather than hoping for one: a second connection plays the other transaction, and the test
// waits until the code under test is blocked on that transaction's lock before letting it commit.

export async function withOtherTransaction(run: (other: pg.Client) => Promise<void>) {
  const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await other.connect();
  try {
    await other.query("BEGIN");
    await run(other);
  } finally {
    await other.end();
  }
}

/** Waits until a statement of Prisma's on the table (which it quotes) waits for a lock (at most 3 s); false if none ever does. */
export async function aQueryWaitsOn(table: string): Promise<boolean> {
  for (let tries = 0; tries < 60; tries++) {
    const [{ waiting }] = await db().$queryRaw<{ waiting: number }[]>`
      SELECT count(*)::int AS waiting FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE ${`%"${table}"%`}`;
    if (waiting > 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
