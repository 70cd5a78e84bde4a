import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { migrate } from "../lib/db/migrate";
import { nameKeys } from "@/lib/iam/names/look-alikes";
import { MANAGED_ROLES } from "@/lib/iam/authz/permissions";
import { createDatabase, dropDatabase } from "../test/database";
import { DEMO_NAMESPACES, seed, SeedError } from "./seed";

const created: string[] = [];

async function freshDatabase() {
  const database = await createDatabase("iam_seed");
  created.push(database.name);
  await migrate(database.url, { log: () => {} });
  return database.url;
}

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

afterEach(async () => {
  await Promise.all(created.splice(0).map(dropDatabase));
});

describe("seed (real PostgreSQL)", () => {
  it("creates the main tenant, the managed roles, the demo namespaces and a first superadmin with a generated password", async () => {
    const url = await freshDatabase();
    const result = await seed(url, { isProduction: false });
    expect(result.superadmin?.email).toBe("admin@example.com");
    expect(result.superadmin?.generatedPassword).toMatch(/^[\w-]{16}$/);

    const roles = await query<{ name: string; permissions: Record<string, string[]>; is_managed: boolean }>(
      url,
      "SELECT name, permissions, is_managed FROM roles WHERE tenant_id = 'main' ORDER BY name",
    );
    expect(roles.map((role) => role.name)).toEqual(["Admin", "Developer", "Editor", "Launcher", "Viewer"]);
    expect(roles.every((role) => role.is_managed)).toBe(true);
    expect(roles[0].permissions).toEqual(MANAGED_ROLES[0].permissions);
    const namespaces = await query<{ name: string }>(url, "SELECT name FROM namespaces ORDER BY name");
    expect(namespaces.map((namespace) => namespace.name)).toEqual([...DEMO_NAMESPACES].sort());
    const [admin] = await query<{ super_admin: boolean; password_hash: string; tenants: string }>(
      url,
      "SELECT super_admin, password_hash, (SELECT string_agg(tenant_id, ',') FROM tenant_access WHERE user_id = users.id) AS tenants FROM users",
    );
    expect(admin).toMatchObject({ super_admin: true, tenants: "main" });
    expect(admin.password_hash).toMatch(/^\$argon2id\$/);
  });

  it("is idempotent and safe when several instances seed at once: one superadmin, one of each role", async () => {
    const url = await freshDatabase();
    const results = await Promise.all([1, 2, 3].map(() => seed(url, { isProduction: false, superadminEmail: "Root@Example.com", superadminPassword: "twelve-chars-or-more" })));
    expect(results.filter((result) => result.superadmin).length).toBe(1);
    expect(results.find((result) => result.superadmin)?.superadmin).toEqual({ email: "root@example.com", generatedPassword: undefined });
    await seed(url, { isProduction: false });
    const [counts] = await query<{ users: number; roles: number; namespaces: number; tenants: number }>(
      url,
      "SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM roles) AS roles, (SELECT count(*)::int FROM namespaces) AS namespaces, (SELECT count(*)::int FROM tenants) AS tenants",
    );
    expect(counts).toEqual({ users: 1, roles: 5, namespaces: 4, tenants: 1 });
  });

  it("refuses to start in production without superadmin credentials, and refuses a short password", async () => {
    const url = await freshDatabase();
    await expect(seed(url, { isProduction: true })).rejects.toThrow(SeedError);
    await expect(seed(url, { isProduction: true })).rejects.toThrow(/SUPERADMIN_EMAIL and SUPERADMIN_PASSWORD/);
    await expect(seed(url, { isProduction: false, superadminPassword: "short" })).rejects.toThrow(/at least 12 characters/);
    const [counts] = await query<{ users: number }>(url, "SELECT count(*)::int AS users FROM users");
    expect(counts.users).toBe(0);
  });
  it("keys older and hand-written names at every start, leaving the later of two look-alikes unkeyed and reported", async () => {
    const url = await freshDatabase();
    // As a database from before the look-alike keys holds them (or SQL written by hand): names only.
    await query(
      url,
      `INSERT INTO tenants (id, name) VALUES ('legacy', 'Legacy'), ('main', 'Main');
       INSERT INTO groups (id, tenant_id, name, created_at) VALUES
         (gen_random_uuid(), 'legacy', 'Main Admins', now() - interval '2 days'),
         (gen_random_uuid(), 'legacy', 'Ｍain Admins', now() - interval '1 day'),
         (gen_random_uuid(), 'legacy', 'Ops', now());
       INSERT INTO roles (id, tenant_id, name, is_managed, created_at) VALUES
         (gen_random_uuid(), 'legacy', 'Аdmin', false, now() - interval '2 days'),
         (gen_random_uuid(), 'legacy', 'Admin', true, now());
       INSERT INTO groups (id, tenant_id, name, name_key, name_skeleton) VALUES (gen_random_uuid(), 'main', 'Stale', 'stale key', 'stale');`,
    );
    const warnings: string[] = [];
    await seed(url, { isProduction: false, warn: (message) => warnings.push(message) });

    const keysOf = (table: string) =>
      query<{ tenant_id: string; name: string; name_key: string | null; name_skeleton: string | null }>(url, `SELECT tenant_id, name, name_key, name_skeleton FROM ${table} ORDER BY tenant_id, name`);
    const keyed = (name: string) => ({ name, name_key: nameKeys(name).nameKey, name_skeleton: nameKeys(name).nameSkeleton });
    const unkeyed = (name: string) => ({ name, name_key: null, name_skeleton: null });
    expect(await keysOf("groups")).toMatchObject([keyed("Main Admins"), keyed("Ops"), unkeyed("Ｍain Admins"), keyed("Stale")]);
    // The managed role keeps its name's keys although the custom look-alike is older.
    expect((await keysOf("roles")).filter((role) => role.tenant_id === "legacy")).toMatchObject([keyed("Admin"), unkeyed("Аdmin")]);
    expect((await keysOf("roles")).filter((role) => role.tenant_id === "main")).toEqual(MANAGED_ROLES.map((role) => ({ tenant_id: "main", ...keyed(role.name) })).sort((a, b) => a.name.localeCompare(b.name)));
    const expected = [
      'Group "Ｍain Admins" in tenant legacy looks like "Main Admins": rename one of them.',
      'Role "Аdmin" in tenant legacy looks like "Admin": rename one of them.',
    ];
    expect(warnings).toEqual(expected);

    // Again at the next start, rewriting no row (the seed's managed roles of "main" aside, which it updates anyway).
    const versions = "SELECT xmin::text FROM groups UNION ALL SELECT xmin::text FROM roles WHERE tenant_id = 'legacy' ORDER BY 1";
    const before = await query<{ xmin: string }>(url, versions);
    warnings.length = 0;
    await seed(url, { isProduction: false, warn: (message) => warnings.push(message) });
    expect(warnings).toEqual(expected);
    expect(await query<{ xmin: string }>(url, versions)).toEqual(before);
  });
});
