import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";

/**
 * Makes PostgreSQL itself refuse one row's write for the length of `run` (a trigger that raises), so a test can fail a
 * transaction partway through without replacing any of our code: what it wrote before that row must roll back with
 * it. Only the row whose `column` equals `value` is refused, so other test files sharing the database are unaffected.
 */
export async function withFailingWrite<T>(
  target: { table: string; event: "INSERT" | "UPDATE" | "DELETE"; column: string; value: string },
  run: () => Promise<T>,
): Promise<T> {
  const name = `injected_failure_${randomBytes(4).toString("hex")}`;
  const row = target.event === "INSERT" ? "NEW" : "OLD";
  await db().$executeRawUnsafe(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$`);
  await db().$executeRawUnsafe(
    `CREATE TRIGGER ${name} BEFORE ${target.event} ON ${target.table} FOR EACH ROW WHEN (${row}.${target.column}::text = '${target.value.replace(/'/g, "''")}') EXECUTE FUNCTION ${name}()`,
  );
  try {
    return await run();
  } finally {
    await db().$executeRawUnsafe(`DROP TRIGGER ${name} ON ${target.table}`);
    await db().$executeRawUnsafe(`DROP FUNCTION ${name}()`);
  }
}
