import { spawnSync } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../lib/db/migrate";
import { seed } from "../prisma/seed";
import { createDatabase, dropDatabase } from "../test/database";
import { parseArguments, seedLarge, UsageError } from "./seed-large";

let database: { name: string; url: string };

async function query<T extends pg.QueryResultRow>(text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  database = await createDatabase("iam_seed_large");
  await migrate(database.url, { log: () => {} });
  await seed(database.url, { isProduction: false });
});

afterAll(async () => {
  await dropDatabase(database.name);
});

describe("parseArguments", () => {
  it("defaults to 100,000 users and a tenth as many invitations", () => {
    expect(parseArguments([])).toEqual({ users: 100_000, invitations: 10_000 });
    expect(parseArguments(["--users", "1000"])).toEqual({ users: 1000, invitations: 100 });
    expect(parseArguments(["--users=1000", "--invitations=0"])).toEqual({ users: 1000, invitations: 0 });
  });

  it("refuses anything else with a usage message", () => {
    for (const argv of [["--users"], ["--users", "0"], ["--users", "-5"], ["--users", "1e3"], ["--users", "1000000"], ["--invitations", "x"], ["--help"], ["1000"]]) {
      expect(() => parseArguments(argv), argv.join(" ")).toThrow(UsageError);
    }
  });
});

describe("seedLarge (real PostgreSQL)", () => {
  it("fills the main tenant with users, access, groups, memberships, bindings and invitations", async () => {
    const { inserted } = await seedLarge(database.url, { users: 300, invitations: 40 });
    expect(inserted).toEqual({ users: 300, tenantAccess: 300, groups: 50, memberships: 400, bindings: 30 + 50, invitations: 40 });

    const [users] = await query<{ total: number; disabled: number; never: number; names: number }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE disabled)::int AS disabled,
              count(*) FILTER (WHERE last_login_at IS NULL)::int AS never, count(DISTINCT (first_name, last_name))::int AS names
       FROM users WHERE email LIKE '%@large.example'`,
    );
    expect(users.total).toBe(300);
    expect(users.disabled).toBeGreaterThan(0);
    expect(users.never).toBeGreaterThan(0);
    expect(users.never).toBeLessThan(300);
    expect(users.names).toBeGreaterThan(200);
    expect(await query(`SELECT email FROM users WHERE email LIKE '%@large.example' ORDER BY email LIMIT 1`)).toEqual([{ email: "user000001@large.example" }]);

    const perUser = await query<{ groups: number; users: number }>(
      `SELECT groups, count(*)::int AS users FROM (
         SELECT u.id, count(m.group_id)::int AS groups FROM users u LEFT JOIN group_memberships m ON m.user_id = u.id
         WHERE u.email LIKE '%@large.example' GROUP BY u.id) AS counted
       GROUP BY groups ORDER BY groups`,
    );
    expect(perUser).toEqual([{ groups: 1, users: 200 }, { groups: 2, users: 100 }]);
    expect(await query(`SELECT name FROM groups WHERE tenant_id = 'main' ORDER BY name LIMIT 2`)).toEqual([{ name: "Group 01" }, { name: "Group 02" }]);

    const statuses = await query<{ status: string; count: number }>(
      `SELECT CASE WHEN accepted_at IS NOT NULL THEN 'ACCEPTED' WHEN revoked_at IS NOT NULL THEN 'REVOKED'
                   WHEN expires_at <= now() THEN 'EXPIRED' ELSE 'PENDING' END AS status, count(*)::int AS count
       FROM invitations WHERE tenant_id = 'main' GROUP BY 1 ORDER BY 1`,
    );
    expect(statuses).toEqual([
      { status: "ACCEPTED", count: 8 },
      { status: "EXPIRED", count: 8 },
      { status: "PENDING", count: 16 },
      { status: "REVOKED", count: 8 },
    ]);
    const [invitations] = await query<{ hashes: number; inviters: number; grants: number }>(
      `SELECT count(DISTINCT token_hash)::int AS hashes, count(DISTINCT invited_by_id)::int AS inviters,
              (SELECT count(*)::int FROM invitation_groups) + (SELECT count(*)::int FROM invitation_roles) AS grants
       FROM invitations i JOIN users u ON u.id = i.invited_by_id AND u.super_admin`,
    );
    expect(invitations).toEqual({ hashes: 40, inviters: 1, grants: 40 });
  });

  it("adds nothing when run again, and only the difference when asked for more", async () => {
    const again = await seedLarge(database.url, { users: 300, invitations: 40 });
    expect(again.inserted).toEqual({ users: 0, tenantAccess: 0, groups: 0, memberships: 0, bindings: 0, invitations: 0 });
    const more = await seedLarge(database.url, { users: 310, invitations: 40 });
    expect(more.inserted).toMatchObject({ users: 10, tenantAccess: 10, groups: 0, bindings: 1, invitations: 0 });
    const [{ count }] = await query<{ count: number }>(`SELECT count(*)::int AS count FROM users WHERE email LIKE '%@large.example'`);
    expect(count).toBe(310);
  });

  it("refuses to run without DATABASE_URL, with a message saying how to set it", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/seed-large.ts", "--users", "10"], {
      env: { ...process.env, DATABASE_URL: "" },
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("DATABASE_URL is not set");
  });
});
