import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDatabase, dropDatabase } from "../../test/database";
import { MigrationError, migrate } from "./migrate";

const REAL_MIGRATIONS = path.join(import.meta.dirname, "..", "..", "prisma", "migrations");
const quiet = { log: () => {} };

interface LedgerRow {
  id: string;
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
  applied_steps_count: number;
}

let database: { name: string; url: string };
let tempDirs: string[] = [];

beforeEach(async () => {
  database = await createDatabase("iam_migrate");
});

afterEach(async () => {
  await dropDatabase(database.name);
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  tempDirs = [];
});

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const ledger = () => query<LedgerRow>(`SELECT * FROM "_prisma_migrations" ORDER BY started_at, migration_name`);

async function tableExists(name: string): Promise<boolean> {
  const [row] = await query<{ exists: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS exists`, [`public.${name}`]);
  return row!.exists;
}

/** A migrations directory of our own, in Prisma's layout. */
async function migrationsDir(migrations: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "iam-migrations-"));
  tempDirs.push(dir);
  await writeFile(path.join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');
  for (const [name, sql] of Object.entries(migrations)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

async function realMigrationNames(): Promise<string[]> {
  const entries = await readdir(REAL_MIGRATIONS, { withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
}

describe("migrate", () => {
  it("applies the real migrations once, recording them as Prisma does", async () => {
    const names = await realMigrationNames();
    const messages: string[] = [];

    expect(await migrate(database.url, { log: (message) => messages.push(message) })).toEqual({ applied: names });
    expect(messages).toEqual(names.map((name) => `Applied ${name}`));

    const rows = await ledger();
    expect(rows.map((row) => row.migration_name)).toEqual(names);
    for (const row of rows) {
      const file = await readFile(path.join(REAL_MIGRATIONS, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(file).digest("hex"));
      expect(row.applied_steps_count).toBe(1);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(await tableExists("users")).toBe(true);

    messages.length = 0;
    expect(await migrate(database.url, { log: (message) => messages.push(message) })).toEqual({ applied: [] });
    expect(messages).toEqual(["Database is up to date"]);
    expect(await ledger()).toEqual(rows);
  });

  it("applies each migration exactly once when runs overlap", async () => {
    const names = await realMigrationNames();

    // allSettled: a losing run must not be left running into the database being dropped.
    const results = await Promise.allSettled([1, 2, 3].map(() => migrate(database.url, quiet)));

    expect(results.map((result) => result.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
    const applied = results.flatMap((result) => (result.status === "fulfilled" ? result.value.applied : []));
    expect(applied.sort()).toEqual(names);
    const rows = await ledger();
    expect(rows.map((row) => row.migration_name)).toEqual(names);
    expect(rows.every((row) => row.finished_at !== null && row.logs === null)).toBe(true);
  });

  it("applies only what is pending, in name order", async () => {
    const dir = await migrationsDir({ "20260101000000_a": `CREATE TABLE "a" ("id" INTEGER);` });
    expect(await migrate(database.url, { ...quiet, migrationsDir: dir })).toEqual({ applied: ["20260101000000_a"] });

    await mkdir(path.join(dir, "20260103000000_c"));
    await writeFile(path.join(dir, "20260103000000_c", "migration.sql"), `ALTER TABLE "b" ADD COLUMN "c" TEXT;`);
    await mkdir(path.join(dir, "20260102000000_b"));
    await writeFile(path.join(dir, "20260102000000_b", "migration.sql"), `CREATE TABLE "b" ("id" INTEGER);`);
    await mkdir(path.join(dir, "not_a_migration"));

    expect(await migrate(database.url, { ...quiet, migrationsDir: dir })).toEqual({
      applied: ["20260102000000_b", "20260103000000_c"],
    });
  });

  it("refuses a migration that was edited after it was applied", async () => {
    const dir = await migrationsDir({ "20260101000000_a": `CREATE TABLE "a" ("id" INTEGER);\n` });
    await migrate(database.url, { ...quiet, migrationsDir: dir });

    await writeFile(path.join(dir, "20260101000000_a", "migration.sql"), `CREATE TABLE "a" ("id" BIGINT);\n`);

    const run = migrate(database.url, { ...quiet, migrationsDir: dir });
    await expect(run).rejects.toThrow(MigrationError);
    await expect(run).rejects.toThrow(/20260101000000_a was modified after it was applied/);
  });

  it("accepts the same migration checked out with other line endings, as Prisma does", async () => {
    const dir = await migrationsDir({ "20260101000000_a": `CREATE TABLE "a" (\n  "id" INTEGER\n);\n` });
    await migrate(database.url, { ...quiet, migrationsDir: dir });

    const crlf = `CREATE TABLE "a" (\r\n  "id" INTEGER\r\n);\r\n`;
    await writeFile(path.join(dir, "20260101000000_a", "migration.sql"), crlf);

    expect(await migrate(database.url, { ...quiet, migrationsDir: dir })).toEqual({ applied: [] });
  });

  it("warns about applied migrations that are missing locally, and carries on", async () => {
    await migrate(database.url, quiet);
    const dir = await migrationsDir({});
    await cp(REAL_MIGRATIONS, dir, { recursive: true });
    const [first] = await realMigrationNames();
    await rm(path.join(dir, first!), { recursive: true });
    const messages: string[] = [];

    expect(await migrate(database.url, { migrationsDir: dir, log: (m) => messages.push(m) })).toEqual({ applied: [] });
    expect(messages).toEqual([
      `Warning: migration ${first} is recorded in the database but missing from ${dir}`,
      "Database is up to date",
    ]);
  });

  it("rolls back a failed migration, records it as failed and refuses to go on until it is resolved", async () => {
    const dir = await migrationsDir({
      "20260101000000_ok": `CREATE TABLE "ok" ("id" INTEGER);`,
      "20260102000000_bad": `CREATE TABLE "half" ("id" INTEGER);\nINSERT INTO "missing" VALUES (1);`,
      "20260103000000_later": `CREATE TABLE "later" ("id" INTEGER);`,
    });

    const run = migrate(database.url, { ...quiet, migrationsDir: dir });
    await expect(run).rejects.toThrow(MigrationError);
    await expect(run).rejects.toThrow(/Migration 20260102000000_bad failed .*relation "missing" does not exist/);

    expect(await tableExists("ok")).toBe(true);
    expect(await tableExists("half")).toBe(false);
    expect(await tableExists("later")).toBe(false);
    const rows = await ledger();
    expect(rows.map((row) => [row.migration_name, row.finished_at !== null])).toEqual([
      ["20260101000000_ok", true],
      ["20260102000000_bad", false],
    ]);
    const failed = rows[1]!;
    expect(failed.logs).toMatch(/relation "missing" does not exist/);
    expect(failed.applied_steps_count).toBe(0);
    expect(failed.rolled_back_at).toBeNull();

    // Even with the SQL fixed, the recorded failure has to be resolved first.
    await writeFile(path.join(dir, "20260102000000_bad", "migration.sql"), `CREATE TABLE "half" ("id" INTEGER);`);
    const again = migrate(database.url, { ...quiet, migrationsDir: dir });
    await expect(again).rejects.toThrow(MigrationError);
    await expect(again).rejects.toThrow(/20260102000000_bad is recorded as failed.*--rolled-back 20260102000000_bad/s);

    // What `prisma migrate resolve --rolled-back` does; the rolled-back row is then ignored.
    await query(`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE id = $1`, [failed.id]);
    expect(await migrate(database.url, { ...quiet, migrationsDir: dir })).toEqual({
      applied: ["20260102000000_bad", "20260103000000_later"],
    });
    expect(await tableExists("half")).toBe(true);
    expect((await ledger()).filter((row) => row.finished_at === null)).toEqual([
      expect.objectContaining({ id: failed.id, migration_name: "20260102000000_bad" }),
    ]);
  });

  it("says so plainly when it cannot reach the database", async () => {
    const url = new URL(database.url);
    url.pathname = `/${database.name}_missing`;

    const run = migrate(url.toString(), quiet);
    await expect(run).rejects.toThrow(MigrationError);
    await expect(run).rejects.toThrow(/^Cannot connect to the database to migrate it: database ".*_missing" does not/);
  });

  it("creates the ledger with the exact columns of Prisma's", async () => {
    await migrate(database.url, { ...quiet, migrationsDir: await migrationsDir({}) });
    const columns = await query<{ column_name: string; data_type: string; is_nullable: string; default: string }>(
      `SELECT column_name, data_type, is_nullable, coalesce(column_default, '') AS default
       FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => `${c.column_name} ${c.data_type} ${c.is_nullable} ${c.default}`.trim())).toEqual([
      "id character varying NO",
      "checksum character varying NO",
      "finished_at timestamp with time zone YES",
      "migration_name character varying NO",
      "logs text YES",
      "rolled_back_at timestamp with time zone YES",
      "started_at timestamp with time zone NO now()",
      "applied_steps_count integer NO 0",
    ]);
  });

  it("20261201000200_scoped_reads: existing invitations concern what they grant, existing audit entries the whole tenant", async () => {
    const scopedReads = "20261201000200_scoped_reads";
    const dir = await migrationsDir({});
    for (const name of (await realMigrationNames()).filter((name) => name < scopedReads)) {
      await cp(path.join(REAL_MIGRATIONS, name), path.join(dir, name), { recursive: true });
    }
    await migrate(database.url, { ...quiet, migrationsDir: dir });
    await query(`
      INSERT INTO tenants (id, name) VALUES ('t', 't');
      INSERT INTO roles (id, tenant_id, name) VALUES ('00000000-0000-4000-8000-000000000001', 't', 'Viewer'), ('00000000-0000-4000-8000-000000000002', 't', 'Editor');
      INSERT INTO groups (id, tenant_id, name) VALUES ('00000000-0000-4000-8000-0000000000a1', 't', 'g');
      INSERT INTO invitations (id, tenant_id, email, token_hash, super_admin, expires_at)
      SELECT ('00000000-0000-4000-8000-00000000000' || n)::uuid, 't', 'i' || n || '@x.test', 'hash' || n, n = 4, now()
      FROM generate_series(1, 7) AS n;
      INSERT INTO invitation_roles (invitation_id, role_id, namespaces) VALUES
        ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000001', '{company.team,company,company}'),
        ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', '{}'),
        ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000001', NULL),
        ('00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000001', '{company}'),
        ('00000000-0000-4000-8000-000000000006', '00000000-0000-4000-8000-000000000001', '{company}'),
        ('00000000-0000-4000-8000-000000000006', '00000000-0000-4000-8000-000000000002', '{other}');
      INSERT INTO invitation_groups (invitation_id, group_id) VALUES ('00000000-0000-4000-8000-000000000005', '00000000-0000-4000-8000-0000000000a1');
      INSERT INTO invitation_roles (invitation_id, role_id, namespaces) VALUES ('00000000-0000-4000-8000-000000000005', '00000000-0000-4000-8000-000000000001', '{company}');
      INSERT INTO audit_logs (tenant_id, actor_email, resource_type, resource_id, action) VALUES ('t', 'a@x.test', 'BINDING', 'b', 'CREATE');`);

    // It, and the migrations written after it.
    expect(await migrate(database.url, quiet)).toEqual({ applied: (await realMigrationNames()).filter((name) => name >= scopedReads) });
    const invitations = await query<{ email: string; namespaces: string[] }>(`SELECT email, namespaces FROM invitations ORDER BY email`);
    expect(Object.fromEntries(invitations.map((row) => [row.email, row.namespaces]))).toEqual({
      "i1@x.test": ["company", "company.team"], // one role on namespaces: those, sorted, once each
      "i2@x.test": [], // a tenant-wide role
      "i3@x.test": [],
      "i4@x.test": [], // superadmin
      "i5@x.test": [], // groups
      "i6@x.test": [], // more than one role, which the app never writes: not guessed at
      "i7@x.test": [], // tenant access only
    });
    expect(await query(`SELECT namespaces FROM audit_logs`)).toEqual([{ namespaces: [] }]);
  });
});
