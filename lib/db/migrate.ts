import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

// `prisma migrate deploy` cannot run here (docs/architecture.md § Database), so this applies prisma/migrations in its stead, keeping Prisma's
// `_prisma_migrations` ledger so that Prisma's CLI elsewhere agrees. Framework-free: CLI scripts run it under tsx.

// Prisma's own advisory lock key, so a concurrent `prisma migrate deploy` is kept out too.
const PRISMA_LOCK_KEY = 72707369;

// Byte for byte the DDL of Prisma's schema engine, so either tool can be the one that creates the ledger.
const LEDGER_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" ("id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ, "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ, "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0);`;

export class MigrationError extends Error {
  override name = "MigrationError";
}

type LocalMigration = { name: string; script: string; checksum: string };
type LedgerRow = { id: string; migration_name: string; checksum: string; finished_at: Date | null };

export async function migrate(
  databaseUrl: string,
  options: { migrationsDir?: string; log?: (message: string) => void } = {},
): Promise<{ applied: string[] }> {
  const migrationsDir = options.migrationsDir ?? path.join(import.meta.dirname, "..", "..", "prisma", "migrations");
  const log = options.log ?? console.log;
  const local = await readLocalMigrations(migrationsDir);

  const client = new pg.Client({ connectionString: databaseUrl });
  // A wrong or unreachable DATABASE_URL is an operator's mistake too, so it gets a message rather than a stack.
  await client.connect().catch((error: unknown) => {
    throw new MigrationError(`Cannot connect to the database to migrate it: ${messageOf(error)}`, { cause: error });
  });
  try {
    // A session lock on the one connection used throughout: a second runner waits here, then finds nothing to do.
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_LOCK_KEY]);
    try {
      await client.query(LEDGER_DDL);
      const ledger = `SELECT id, migration_name, checksum, finished_at FROM "_prisma_migrations"`;
      const { rows } = await client.query<LedgerRow>(`${ledger} WHERE rolled_back_at IS NULL ORDER BY started_at`);

      // Prisma refuses too (P3009): after a failed migration the database is in a state nobody has checked.
      const failed = rows.find((row) => row.finished_at === null);
      if (failed) {
        throw new MigrationError(
          `Migration ${failed.migration_name} is recorded as failed (or is being applied right now), so the ` +
            `database may be partly migrated. Check it and undo any partial change; ${retryHint(failed)}`,
        );
      }
      for (const row of rows) {
        const file = local.find((migration) => migration.name === row.migration_name);
        if (!file) {
          log(`Warning: migration ${row.migration_name} is recorded in the database but missing from ${migrationsDir}`);
        } else if (!matchesChecksum(file, row.checksum)) {
          throw new MigrationError(
            `Migration ${row.migration_name} was modified after it was applied (its checksum differs from the one ` +
              `recorded in the database). Restore its original migration.sql and put the change in a new migration.`,
          );
        }
      }

      const recorded = new Set(rows.map((row) => row.migration_name));
      const applied: string[] = [];
      for (const migration of local.filter((m) => !recorded.has(m.name))) {
        await apply(client, migration);
        applied.push(migration.name);
        log(`Applied ${migration.name}`);
      }
      if (applied.length === 0) log("Database is up to date");
      return { applied };
    } finally {
      // A failed unlock must not hide the real error; ending the session releases the lock anyway.
      await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_LOCK_KEY]).catch(() => {});
    }
  } finally {
    await client.end();
  }
}

async function apply(client: pg.Client, migration: LocalMigration): Promise<void> {
  // Recorded before the SQL runs and outside its transaction, as Prisma does, so that a failure stays on record.
  const id = randomUUID();
  const insert = `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)`;
  await client.query(`${insert} VALUES ($1, $2, $3, now(), 0)`, [id, migration.checksum, migration.name]);
  try {
    // Explicitly one transaction (a multi-statement query is one implicitly), so a failure leaves nothing half-done;
    // statements that refuse to run inside one, such as CREATE INDEX CONCURRENTLY, are therefore unsupported.
    await client.query("BEGIN");
    await client.query(migration.script);
    await client.query("COMMIT");
  } catch (error) {
    const message = messageOf(error);
    await client.query("ROLLBACK").catch(() => {});
    await client.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, message]).catch(() => {});
    throw new MigrationError(
      `Migration ${migration.name} failed and was rolled back: ${message}\n` +
        `It is recorded as failed; ${retryHint({ id, migration_name: migration.name })}`,
      { cause: error },
    );
  }
  const finish = `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`;
  await client.query(finish, [id]);
}

const retryHint = (row: Pick<LedgerRow, "id" | "migration_name">) =>
  `fix the cause, mark that attempt rolled back (\`prisma migrate resolve --rolled-back ${row.migration_name}\`, ` +
  `or UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE id = '${row.id}') and run the migrations again.`;

// Node reports a refused connection to a host with several addresses as an AggregateError with an empty message.
function messageOf(error: unknown): string {
  if (error instanceof AggregateError) return error.errors.map(messageOf).join("; ");
  return error instanceof Error ? error.message : String(error);
}

async function readLocalMigrations(dir: string): Promise<LocalMigration[]> {
  if (!existsSync(dir)) throw new MigrationError(`Migrations directory not found: ${dir}`);
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(path.join(dir, name, "migration.sql"));
      return { name, script: bytes.toString("utf8"), checksum: sha256(bytes) };
    }),
  );
}

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

// Prisma also accepts the script with its line endings converted either way, as git may rewrite them on checkout.
function matchesChecksum(migration: LocalMigration, checksum: string): boolean {
  if (migration.checksum === checksum) return true;
  const lf = migration.script.replaceAll("\r\n", "\n");
  return [lf, lf.replaceAll("\n", "\r\n")].some((variant) => sha256(variant) === checksum);
}
