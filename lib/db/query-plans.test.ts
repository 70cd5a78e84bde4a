import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedLarge } from "@/scripts/seed-large";
import { createDatabase, dropDatabase } from "@/test/database";
import { seed } from "@/prisma/seed";
import { migrate } from "./migrate";

// Every list and look-up query of the IAM pages, captured as the app really sends it (the pg driver is observed,
// nothing is rewritten), is EXPLAINed on a large data set: a sequential scan of users, invitations, bindings or
// audit_logs fails the test. Sizes are large enough that the planner prefers an index whenever one applies.
const USERS = Number(process.env.PLAN_TEST_USERS ?? 100_000);
// tenant_access too: a page of users must probe it per row, never read a whole tenant's worth of it.
const WATCHED = new Set(["users", "invitations", "bindings", "audit_logs", "tenant_access"]);

let database: { name: string; url: string };
let captured: { text: string; values: unknown[] }[] = [];
const originalQuery = pg.Client.prototype.query;

beforeAll(async () => {
  database = await createDatabase("iam_plans");
  await migrate(database.url, { log: () => {} });
  await seed(database.url, { isProduction: false, superadminEmail: "plans@test.example", superadminPassword: "plans-password-123" });
  await seedLarge(database.url, { users: USERS, invitations: 50_000 });
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query(`
    INSERT INTO audit_logs (tenant_id, actor_email, resource_type, resource_id, action, details, created_at, namespaces)
    SELECT 'main', 'user' || lpad((n % ${USERS})::text, 6, '0') || '@large.example',
           (ARRAY['USER','GROUP','ROLE','BINDING','INVITATION'])[1 + n % 5], n::text, 'UPDATE', 'bulk',
           now() - (n || ' seconds')::interval,
           -- Bindings and invitations on namespaces (two in five entries), the rest tenant-wide, as lib/iam/authz/concerns.ts has it.
           CASE WHEN n % 5 >= 3 THEN ARRAY[(ARRAY['company', 'company.team', 'other', 'other.x'])[1 + n % 4]] ELSE '{}' END
    FROM generate_series(1, 60000) AS n`);
  // Entries of no tenant (sign-in lockouts under a password-spraying attack): the instance scope reads them.
  await client.query(`
    INSERT INTO audit_logs (tenant_id, actor_email, resource_type, resource_id, action, details, created_at)
    SELECT NULL, 'system', 'SECURITY', 'user' || n || '@large.example', 'RATE_LIMIT', 'locked', now() - (n || ' seconds')::interval
    FROM generate_series(1, 20000) AS n`);
  // seed:large binds one user in ten; bind everyone once more so bindings is big enough for its indexes to matter.
  await client.query(`
    INSERT INTO bindings (id, tenant_id, type, user_id, role_id, namespace)
    SELECT gen_random_uuid(), 'main', 'USER', u.id, r.id, 'other'
    FROM users u CROSS JOIN (SELECT id FROM roles WHERE tenant_id = 'main' AND name = 'Launcher') r`);
  await client.query("ANALYZE");
  await client.end();
  process.env.DATABASE_URL = database.url;
  // Observe what the app sends through the driver, so the plans checked are those of the real queries.
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [config, values] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
    const text = typeof config === "string" ? config : config?.text;
    if (typeof text === "string") captured.push({ text, values: (typeof config === "object" ? config.values : values) ?? [] });
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pg.Client.prototype.query;
}, 180_000);

afterAll(async () => {
  pg.Client.prototype.query = originalQuery;
  const { db } = await import("@/lib/db/client");
  await db().$disconnect();
  if (database) await dropDatabase(database.name);
});

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  Plans?: PlanNode[];
}

function describe_(node: PlanNode, depth = 0): string {
  return `${" ".repeat(depth)}${node["Node Type"]}${node["Relation Name"] ? ` on ${node["Relation Name"]}` : ""}${(node as { "Index Name"?: string })["Index Name"] ? ` using ${(node as { "Index Name"?: string })["Index Name"]}` : ""}\n${(node.Plans ?? []).map((child) => describe_(child, depth + 1)).join("")}`;
}

function indexesUsed(node: PlanNode): string[] {
  const own = (node as { "Index Name"?: string })["Index Name"];
  return [...(own ? [own] : []), ...(node.Plans ?? []).flatMap(indexesUsed)];
}

function sequentialScans(node: PlanNode): string[] {
  const own = node["Node Type"] === "Seq Scan" && node["Relation Name"] && WATCHED.has(node["Relation Name"]) ? [node["Relation Name"]] : [];
  return [...own, ...(node.Plans ?? []).flatMap(sequentialScans)];
}

/** Runs `work`, then EXPLAINs every SELECT it sent: per query, the watched tables read sequentially and the indexes used. */
async function scansOf(work: () => Promise<unknown>): Promise<{ query: string; scans: string[]; indexes: string[]; plan: string }[]> {
  captured = [];
  await work();
  const selects = captured.filter((query) => /^\s*(SELECT|WITH)\b/i.test(query.text));
  expect(selects.length).toBeGreaterThan(0);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const results = [];
    for (const query of selects) {
      const { rows } = await client.query(`EXPLAIN (FORMAT JSON) ${query.text}`, query.values);
      const plan = (rows[0] as { "QUERY PLAN": { Plan: PlanNode }[] })["QUERY PLAN"][0].Plan;
      const scans = sequentialScans(plan);
      results.push({ query: `${query.text.replace(/\s+/g, " ").slice(-300)} ${JSON.stringify(query.values).slice(0, 200)}`, scans, indexes: indexesUsed(plan), plan: scans.length ? describe_(plan) : "" });
    }
    return results;
  } finally {
    await client.end();
  }
}

async function actor(email = "plans@test.example") {
  const { db } = await import("@/lib/db/client");
  const { loadPrincipal } = await import("@/lib/iam/authz/grants");
  const user = await db().user.findUniqueOrThrow({ where: { email } });
  return { id: user.id, email: user.email, name: email, isSuperAdmin: user.superAdmin, tenantId: "main", principal: (await loadPrincipal(db(), user.id, "main"))! };
}

/**
 * A namespace admin (Admin on `namespace` only): their lists walk the partial *_namespaced_idx indexes. On "company"
 * they see a quarter of the invitations and a fifth of the audit entries; on "nowhere" nothing, so every page reads
 * all of the namespaced rows.
 */
async function namespaceAdmin(namespace: string) {
  const { db } = await import("@/lib/db/client");
  const email = `plans-${namespace}@test.example`;
  const user = await db().user.upsert({ where: { email }, create: { email, accesses: { create: { tenantId: "main" } } }, update: {} });
  const admin = await db().role.findFirstOrThrow({ where: { tenantId: "main", name: "Admin" } });
  if (!(await db().binding.findFirst({ where: { userId: user.id, namespace } }))) {
    await db().binding.create({ data: { tenantId: "main", type: "USER", userId: user.id, roleId: admin.id, namespace } });
  }
  return actor(email);
}

describe(`query plans at ${USERS.toLocaleString("en")} users (no sequential scans of big tables)`, () => {
  it("Users tab: first page, deep page, searches, filters, sorts", async () => {
    const { listDirectoryPage } = await import("@/lib/iam/users/user-directory");
    const { userFiltersSchema } = await import("@/lib/iam/users/user-filter-schemas");
    const { encodeCursor } = await import("@/lib/pagination/cursor");
    const { db } = await import("@/lib/db/client");
    const group = await db().group.findFirstOrThrow({ where: { tenantId: "main" } });
    const who = await actor();
    const page = (raw: Record<string, string>) => listDirectoryPage(who, userFiltersSchema.parse(raw));
    const results = await scansOf(async () => {
      await page({});
      await page({ after: encodeCursor(["user018000@large.example"]) });
      await page({ q: "user0199" });
      await page({ q: "nakam" });
      await page({ q: "nakam", sort: "-created" });
      await page({ q: "zzzqx" });
      await page({ q: "a" });
      await page({ q: "nakam user00", group: group.id, status: "active" });
      await page({ status: "disabled" });
      await page({ group: group.id });
      await page({ sort: "name" });
      await page({ sort: "-created" });
    });
    expect(results.filter((result) => result.scans.length)).toEqual([]);
  });

  it("Invitations tab: every status filter and the email search", async () => {
    const { listInvitationPage } = await import("@/lib/iam/invitations/list-invitations");
    const { invitationFiltersSchema } = await import("@/lib/iam/invitations/invitation-schemas");
    const who = await actor();
    const results = await scansOf(async () => {
      for (const status of ["PENDING", "ACCEPTED", "EXPIRED", "REVOKED", undefined]) {
        await listInvitationPage(who, invitationFiltersSchema.parse({ status }));
      }
      await listInvitationPage(who, invitationFiltersSchema.parse({ q: "invitee00012" }));
      await listInvitationPage(who, invitationFiltersSchema.parse({ q: "user0001", status: "PENDING" }));
    });
    expect(results.filter((result) => result.scans.length)).toEqual([]);
  });

  it("Invitations tab of a namespace admin: statuses, search, a deep page, and a reach that matches nothing", async () => {
    const { listInvitationPage } = await import("@/lib/iam/invitations/list-invitations");
    const { invitationFiltersSchema } = await import("@/lib/iam/invitations/invitation-schemas");
    const readers = [await namespaceAdmin("company"), await namespaceAdmin("nowhere")];
    const results = await scansOf(async () => {
      for (const who of readers) {
        for (const status of ["PENDING", "ACCEPTED", "EXPIRED", "REVOKED", undefined]) {
          await listInvitationPage(who, invitationFiltersSchema.parse({ status }));
        }
        await listInvitationPage(who, invitationFiltersSchema.parse({ q: "invitee00012" }));
        let page = await listInvitationPage(who, invitationFiltersSchema.parse({}));
        for (let deeper = 0; deeper < 20 && page.nextCursor; deeper++) page = await listInvitationPage(who, invitationFiltersSchema.parse({ after: page.nextCursor }));
      }
    });
    expect(results.filter((result) => result.scans.length)).toEqual([]);
    expect(results.some((result) => result.indexes.includes("invitations_namespaced_idx"))).toBe(true);
  });

  it("Audit logs: unfiltered, by type, by actor, by date, the entries of no tenant", async () => {
    const { queryAuditLogs } = await import("@/lib/iam/audit/query-audit-logs");
    const who = await actor();
    const results = await scansOf(async () => {
      await queryAuditLogs(who, {});
      await queryAuditLogs(who, { resourceType: "GROUP" });
      await queryAuditLogs(who, { actor: "user00012" });
      await queryAuditLogs(who, { from: "2026-01-01", to: "2026-12-31" });
      await queryAuditLogs(who, { scope: "instance" });
      await queryAuditLogs(who, { scope: "instance", resourceType: "SECURITY" });
    });
    expect(results.filter((result) => result.scans.length)).toEqual([]);
  });

  it("Audit logs of a namespace admin: unfiltered, by type, by actor, by date, older and newer pages", async () => {
    const { queryAuditLogs, parseAuditLogSearch } = await import("@/lib/iam/audit/query-audit-logs");
    const readers = [await namespaceAdmin("company"), await namespaceAdmin("nowhere")];
    const results = await scansOf(async () => {
      for (const who of readers) {
        const first = await queryAuditLogs(who, {});
        await queryAuditLogs(who, { resourceType: "BINDING" });
        await queryAuditLogs(who, { actor: "user00012" });
        await queryAuditLogs(who, { from: "2026-01-01", to: "2026-12-31" });
        if (first.older) {
          const second = await queryAuditLogs(who, {}, parseAuditLogSearch({ before: first.older }).page);
          if (second.newer) await queryAuditLogs(who, {}, parseAuditLogSearch({ after: second.newer }).page);
        }
      }
    });
    expect(results.filter((result) => result.scans.length)).toEqual([]);
    expect(results.some((result) => result.indexes.includes("audit_logs_namespaced_idx"))).toBe(true);
  });

  it("group page: its members, paged and searched, and the Add member picker's searches", async () => {
    const { searchMemberCandidates } = await import("@/lib/iam/groups/group-reads");
    const { listGroupMembers } = await import("@/lib/iam/groups/list-group-members");
    const { db } = await import("@/lib/db/client");
    const admin = await actor();
    // The largest group: the NOT EXISTS on its memberships must stay a probe per candidate, never a scan.
    const [{ group_id: groupId }] = await db().$queryRaw<{ group_id: string }[]>`
      SELECT group_id FROM group_memberships GROUP BY group_id ORDER BY count(*) DESC LIMIT 1`;
    const results = await scansOf(async () => {
      for (const query of ["", "user0009", "nakam", "ada nakam", "zzzz-no-match"]) {
        await searchMemberCandidates(admin, groupId, query);
        const page = await listGroupMembers(admin, groupId, { q: query || undefined });
        if (page.nextCursor) await listGroupMembers(admin, groupId, { q: query || undefined, after: page.nextCursor });
      }
    });
    expect(results.filter((result) => result.scans.length)).toEqual([]);
  });

  it("role page: where the most used role is used (first bindings and open invitations, and their counts)", async () => {
    const { roleUsage } = await import("@/lib/iam/roles/role-reads");
    const { readScope } = await import("@/lib/iam/authz/read-scope");
    const { db } = await import("@/lib/db/client");
    const roles = await db().role.findMany({ where: { tenantId: "main" }, select: { id: true } });
    const scoped = readScope((await namespaceAdmin("company")).principal, "INVITATION", "main");
    const results = await scansOf(async () => {
      for (const role of roles) {
        await roleUsage(db(), role.id, { tenantWide: true });
        await roleUsage(db(), role.id, scoped);
      }
    });
    expect(results.filter((result) => result.scans.length)).toEqual([]);
  });

  it("look-ups: invitation by token, a user's grants and membership, the tenant list, a user's page", async () => {
    const { viewInvitation } = await import("@/lib/iam/invitations/accept-invitation");
    const { loadPrincipal } = await import("@/lib/iam/authz/grants");
    const { tenantMembership, tenantsOf } = await import("@/lib/iam/tenants/tenant-membership");
    const { getUserDetail } = await import("@/lib/iam/users/user-detail");
    const { db } = await import("@/lib/db/client");
    const user = await db().user.findUniqueOrThrow({ where: { email: "user000010@large.example" } });
    const who = await actor();
    const results = await scansOf(async () => {
      await viewInvitation("A".repeat(43)).catch(() => {});
      await loadPrincipal(db(), user.id, "main");
      await tenantMembership(user.id, "main");
      await tenantsOf({ id: user.id, email: user.email, name: "", isSuperAdmin: false });
      await getUserDetail(who, user.id);
    });
    expect(results.filter((result) => result.scans.length)).toEqual([]);
  });
});
