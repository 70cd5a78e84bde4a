import { randomBytes } from "node:crypto";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { db } from "@/lib/db/client";
import {
  AUDIT_PAGE_SIZE,
  auditLogSearchParams,
  decodeCursor,
  diffChanges,
  encodeCursor,
  parseAuditLogSearch,
  queryAuditLogs,
  type AuditLogFilters,
  type AuditLogPage,
  type PageRequest,
} from "./query-audit-logs";
import { Forbidden } from "@/lib/iam/errors";
import { loadPrincipal } from "@/lib/iam/authz/grants";
import { actorFor, bind, createMember, createTenant, roleId } from "@/test/fixtures";
import { sentenceText } from "./describe-audit-entry";
import { addBindings } from "@/lib/iam/bindings/role-bindings";
import { addMember } from "@/lib/iam/groups/group-memberships";
import { createGroup, deleteGroup, updateGroup } from "@/lib/iam/groups/group-writes";
import { addNamespace } from "@/lib/iam/namespaces/namespace-registry";
import { createRole, deleteRole } from "@/lib/iam/roles/role-writes";
import { removeFromTenant } from "@/lib/iam/users/user-writes";

const suffix = randomBytes(4).toString("hex");
const TENANT = `audit-q-${suffix}`;
const OTHER_TENANT = `audit-q-other-${suffix}`;

async function makeActor(tenantId: string, options: { superAdmin?: boolean; label: string }): Promise<TenantActor> {
  const user = await db().user.create({
    data: { email: `${options.label}-${suffix}@audit.test`, superAdmin: options.superAdmin ?? false, accesses: { create: { tenantId } } },
  });
  return {
    id: user.id,
    email: user.email,
    name: options.label,
    isSuperAdmin: user.superAdmin,
    tenantId,
    principal: (await loadPrincipal(db(), user.id, tenantId))!,
  };
}

interface Seeded {
  tenantId: string | null;
  resourceType: string;
  actorEmail: string;
  createdAt: Date;
  details: string;
  before?: object;
  after?: object;
}

async function insert(rows: Seeded[]) {
  await db().auditLog.createMany({
    data: rows.map((row) => ({ ...row, resourceId: "r", action: "UPDATE" })),
  });
}

let admin: TenantActor;
let otherAdmin: TenantActor;

beforeAll(async () => {
  await db().tenant.createMany({ data: [{ id: TENANT, name: "Audit query" }, { id: OTHER_TENANT, name: "Other" }] });
  admin = await makeActor(TENANT, { superAdmin: true, label: "root" });
  otherAdmin = await makeActor(OTHER_TENANT, { superAdmin: true, label: "other-root" });
});

/** Every page from the first, following "Older" links. */
async function walkOlder(actor: TenantActor, filters: AuditLogFilters): Promise<AuditLogPage[]> {
  const pages = [await queryAuditLogs(actor, filters)];
  while (pages.at(-1)!.older) {
    const { page } = parseAuditLogSearch({ before: pages.at(-1)!.older });
    pages.push(await queryAuditLogs(actor, filters, page));
    expect(pages.length).toBeLessThan(20);
  }
  return pages;
}

describe("parseAuditLogSearch", () => {
  it("keeps valid filters and lower-cases the actor prefix", () => {
    const search = parseAuditLogSearch({ type: "USER", actor: " Alice@Example ", from: "2024-02-29", to: "2024-03-01" });
    expect(search).toEqual({ filters: { resourceType: "USER", actor: "alice@example", from: "2024-02-29", to: "2024-03-01" }, page: undefined, notes: [] });
  });

  it("treats empty fields as absent, and takes the first of repeated parameters", () => {
    expect(parseAuditLogSearch({ type: "", actor: "   ", from: "", to: undefined })).toEqual({ filters: {}, page: undefined, notes: [] });
    expect(parseAuditLogSearch({ type: ["GROUP", "USER"] }).filters).toEqual({ resourceType: "GROUP" });
  });

  it("ignores bad values with a note each instead of failing", () => {
    const search = parseAuditLogSearch({
      type: "user; DROP TABLE audit_logs",
      actor: "a".repeat(10_000),
      from: "2023-02-29",
      to: "yesterday",
    });
    expect(search.filters).toEqual({});
    expect(search.notes).toHaveLength(4);
    expect(search.notes[0]).toContain("is not one this log records");
    expect(search.notes[0].length).toBeLessThan(120);
    expect(search.notes[1]).toContain("actor filter");
    expect(search.notes[2]).toContain("From “2023-02-29” is not a date");
    expect(search.notes[3]).toContain("To “yesterday” is not a date");
    expect(parseAuditLogSearch({ actor: "two words" }).filters).toEqual({});
    expect(parseAuditLogSearch({ actor: "nul\u0000" }).filters).toEqual({});
    expect(parseAuditLogSearch({ from: "0000-01-01" }).filters).toEqual({});
    expect(parseAuditLogSearch({ from: "2024-1-1" }).filters).toEqual({});
  });

  it("keeps the instance scope for a superadmin only, and says why otherwise", () => {
    expect(parseAuditLogSearch({ scope: "instance" }, { mayReadInstance: true })).toEqual({ filters: { scope: "instance" }, page: undefined, notes: [] });
    expect(parseAuditLogSearch({ scope: "instance", type: "SECURITY" })).toEqual({
      filters: { resourceType: "SECURITY" },
      page: undefined,
      notes: ["Entries that belong to no tenant are for superadmins, so this tenant's entries are shown."],
    });
    const unknown = parseAuditLogSearch({ scope: "every-tenant" }, { mayReadInstance: true });
    expect(unknown.filters).toEqual({});
    expect(unknown.notes).toEqual(["The scope “every-tenant” is not one this log has, so this tenant's entries are shown."]);
    expect(parseAuditLogSearch({ scope: "" }, { mayReadInstance: true })).toEqual({ filters: {}, page: undefined, notes: [] });
  });

  it("drops an end date before the start date", () => {
    const search = parseAuditLogSearch({ from: "2024-03-02", to: "2024-03-01" });
    expect(search.filters).toEqual({ from: "2024-03-02" });
    expect(search.notes).toEqual(["To (2024-03-01) is before From (2024-03-02), so it was ignored."]);
  });

  it("round-trips cursors and rejects every tampered one", () => {
    const cursor = { createdAt: new Date("2024-03-01T10:00:00.123Z"), id: 42n };
    const encoded = encodeCursor(cursor);
    expect(decodeCursor(encoded)).toEqual(cursor);
    expect(parseAuditLogSearch({ before: encoded }).page).toEqual({ direction: "older", cursor });
    expect(parseAuditLogSearch({ after: encoded }).page).toEqual({ direction: "newer", cursor });

    const b64 = (text: string) => Buffer.from(text).toString("base64url");
    for (const tampered of [
      encoded.slice(0, -2),
      `${encoded}x`,
      "not a cursor!",
      "x".repeat(5_000),
      b64("2024-03-01T10:00:00.123Z~-1"),
      b64("2024-03-01T10:00:00.123Z~0"),
      b64(`2024-03-01T10:00:00.123Z~${2n ** 63n}`),
      b64("2024-02-30T10:00:00.123Z~1"),
      b64("0000-01-01T00:00:00.000Z~1"),
      b64("2024-03-01T10:00:00Z~1"),
      b64("2024-03-01T10:00:00.123Z~1~2"),
      b64(JSON.stringify(["2024-03-01T10:00:00.123Z", "-1"])),
      b64(JSON.stringify(["2024-03-01T10:00:00.123Z", "0"])),
      b64(JSON.stringify(["2024-03-01T10:00:00.123Z", String(2n ** 63n)])),
      b64(JSON.stringify(["2024-02-30T10:00:00.123Z", "1"])),
      b64(JSON.stringify(["0000-01-01T00:00:00.000Z", "1"])),
      b64(JSON.stringify(["2024-03-01T10:00:00Z", "1"])),
      b64(JSON.stringify(["2024-03-01T10:00:00.123Z", "1", "2"])),
      b64(JSON.stringify(["2024-03-01T10:00:00.123Z", 1])),
    ]) {
      expect(decodeCursor(tampered), tampered).toBeUndefined();
      const search = parseAuditLogSearch({ before: tampered, type: "USER" });
      expect(search.page).toBeUndefined();
      expect(search.filters).toEqual({ resourceType: "USER" });
      expect(search.notes).toEqual(["The page link was not valid, so the newest entries are shown."]);
    }
    expect(decodeCursor(encodeCursor({ createdAt: new Date("2024-03-01T10:00:00.123Z"), id: 2n ** 63n - 1n }))?.id).toBe(2n ** 63n - 1n);
  });

  it("writes links that it reads back", () => {
    const filters = { scope: "instance" as const, resourceType: "ROLE" as const, actor: "a+b@x", from: "2024-01-01", to: "2024-01-31" };
    const query = auditLogSearchParams(filters, { direction: "older", cursor: "abc" });
    const parsed = Object.fromEntries(new URLSearchParams(query));
    expect(parseAuditLogSearch(parsed, { mayReadInstance: true }).filters).toEqual(filters);
    expect(parsed.before).toBe("abc");
    expect(auditLogSearchParams({})).toBe("");
  });
});

describe("diffChanges", () => {
  it("lists only the top-level fields that changed, old next to new", () => {
    expect(diffChanges({ name: "a", description: "same", tags: [1, 2] }, { name: "b", description: "same", tags: [1, 2], added: true })).toEqual([
      { field: "added", before: null, after: "true" },
      { field: "name", before: "a", after: "b" },
    ]);
  });

  it("shows a creation and a deletion as all fields added or removed", () => {
    expect(diffChanges(null, { email: "x@y", superAdmin: true })).toEqual([
      { field: "email", before: null, after: "x@y" },
      { field: "superAdmin", before: null, after: "true" },
    ]);
    expect(diffChanges({ role: "Viewer" }, null)).toEqual([{ field: "role", before: "Viewer", after: null }]);
    expect(diffChanges(null, null)).toEqual([]);
  });

  it("ignores key order, tells a string from a number, and treats non-objects as one value", () => {
    expect(diffChanges({ p: { b: 1, a: 2 } }, { p: { a: 2, b: 1 } })).toEqual([]);
    expect(diffChanges({ n: "1" }, { n: 1 })).toEqual([{ field: "n", before: "1", after: "1" }]);
    expect(diffChanges(["a"], ["a", "b"])).toEqual([{ field: "value", before: '["a"]', after: '["a","b"]' }]);
    expect(diffChanges("x", null)).toEqual([{ field: "value", before: "x", after: null }]);
  });
});

describe("queryAuditLogs (real PostgreSQL)", () => {
  beforeAll(async () => {
    const at = (iso: string) => new Date(iso);
    await insert([
      { tenantId: TENANT, resourceType: "USER", actorEmail: "alice@corp.test", createdAt: at("2024-02-29T23:59:59.999Z"), details: "before the range" },
      { tenantId: TENANT, resourceType: "USER", actorEmail: "alice@corp.test", createdAt: at("2024-03-01T00:00:00.000Z"), details: "range start" },
      { tenantId: TENANT, resourceType: "GROUP", actorEmail: "bob@corp.test", createdAt: at("2024-03-01T12:00:00.000Z"), details: "midday", before: { name: "Old" }, after: { name: "New" } },
      { tenantId: TENANT, resourceType: "ROLE", actorEmail: "axb@corp.test", createdAt: at("2024-03-01T23:59:59.999Z"), details: "range end" },
      { tenantId: TENANT, resourceType: "ROLE", actorEmail: "a_b@corp.test", createdAt: at("2024-03-02T00:00:00.000Z"), details: "after the range" },
      { tenantId: OTHER_TENANT, resourceType: "USER", actorEmail: "alice@corp.test", createdAt: at("2024-03-01T06:00:00.000Z"), details: "other tenant" },
    ]);
  });

  const details = (page: AuditLogPage) => page.entries.map((entry) => entry.details);

  it("returns the tenant's entries newest first, with their changes", async () => {
    const page = await queryAuditLogs(admin, { from: "2024-02-01", to: "2024-03-31" });
    expect(details(page)).toEqual(["after the range", "range end", "midday", "range start", "before the range"]);
    expect(page.entries[2]).toMatchObject({ resourceType: "GROUP", actorEmail: "bob@corp.test", changes: [{ field: "name", before: "Old", after: "New" }] });
    expect(page.newer).toBeUndefined();
    expect(page.older).toBeUndefined();
  });

  it("filters by UTC day, both ends inclusive", async () => {
    expect(details(await queryAuditLogs(admin, { from: "2024-03-01", to: "2024-03-01" }))).toEqual(["range end", "midday", "range start"]);
    expect(details(await queryAuditLogs(admin, { from: "2024-03-02", to: "2024-03-02" }))).toEqual(["after the range"]);
    expect(details(await queryAuditLogs(admin, { to: "2024-02-29" }))).toContain("before the range");
    expect(details(await queryAuditLogs(admin, { from: "0001-01-01", to: "9999-12-31" }))).toHaveLength(5);
  });

  it("filters by resource type and by actor email prefix, case-insensitively and without wildcards", async () => {
    const range = { from: "2024-02-01", to: "2024-03-31" };
    expect(details(await queryAuditLogs(admin, { ...range, resourceType: "ROLE" }))).toEqual(["after the range", "range end"]);
    expect(details(await queryAuditLogs(admin, { ...range, actor: parseAuditLogSearch({ actor: "ALICE@" }).filters.actor }))).toEqual([
      "range start",
      "before the range",
    ]);
    expect(details(await queryAuditLogs(admin, { ...range, actor: "Bob@Corp" }))).toEqual(["midday"]);
    expect(details(await queryAuditLogs(admin, { ...range, actor: "a_b" }))).toEqual(["after the range"]);
    expect(details(await queryAuditLogs(admin, { ...range, actor: "%" }))).toEqual([]);
    expect(details(await queryAuditLogs(admin, { ...range, actor: "\\" }))).toEqual([]);
    expect(details(await queryAuditLogs(admin, { ...range, actor: "';drop" }))).toEqual([]);
    expect(details(await queryAuditLogs(admin, { ...range, actor: "nobody", resourceType: "USER" }))).toEqual([]);
  });

  it("never shows another tenant's entries, whatever the cursor", async () => {
    const mine = await queryAuditLogs(admin, { from: "2024-02-01", to: "2024-03-31" });
    expect(details(mine)).not.toContain("other tenant");
    const theirs = await queryAuditLogs(otherAdmin, {});
    expect(details(theirs)).toEqual(["other tenant"]);
    const foreignCursor = decodeCursor(encodeCursor({ createdAt: new Date("2024-03-01T06:00:00.000Z"), id: BigInt(theirs.entries[0].id) }))!;
    const older = await queryAuditLogs(admin, { from: "2024-02-01", to: "2024-03-31" }, { direction: "older", cursor: foreignCursor });
    expect(details(older)).toEqual(["range start", "before the range"]);
  });

  it("pages through equal timestamps without skipping or repeating, in both directions", async () => {
    // 130 entries, seven to a millisecond: ties on created_at are broken by id.
    const base = Date.parse("2030-06-01T00:00:00.000Z");
    await insert(
      Array.from({ length: 130 }, (_, index) => ({
        tenantId: TENANT,
        resourceType: "NAMESPACE",
        actorEmail: "pager@corp.test",
        createdAt: new Date(base + Math.floor(index / 7) * 1000),
        details: `row ${index}`,
      })),
    );
    const filters = { resourceType: "NAMESPACE" as const, from: "2030-06-01", to: "2030-06-01" };
    const expected = await db().auditLog.findMany({
      where: { tenantId: TENANT, resourceType: "NAMESPACE", actorEmail: "pager@corp.test" },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });

    const pages = await walkOlder(admin, filters);
    expect(pages.map((page) => page.entries.length)).toEqual([AUDIT_PAGE_SIZE, AUDIT_PAGE_SIZE, 30]);
    expect(pages.flatMap((page) => page.entries.map((entry) => entry.id))).toEqual(expected.map((entry) => entry.id.toString()));
    expect(pages[0].newer).toBeUndefined();
    expect(pages[1].newer).toBeDefined();
    expect(pages[2].older).toBeUndefined();

    const backToSecond = await queryAuditLogs(admin, filters, parseAuditLogSearch({ after: pages[2].newer }).page);
    expect(backToSecond).toEqual(pages[1]);
    const backToFirst = await queryAuditLogs(admin, filters, parseAuditLogSearch({ after: pages[1].newer }).page);
    expect(backToFirst).toEqual(pages[0]);
  });

  it("answers a cursor that points past either end with the first page", async () => {
    const first = await queryAuditLogs(admin, {});
    const ancient: PageRequest = { direction: "older", cursor: { createdAt: new Date("1970-01-01T00:00:00.000Z"), id: 1n } };
    expect(await queryAuditLogs(admin, {}, ancient)).toEqual(first);
    const future: PageRequest = { direction: "newer", cursor: { createdAt: new Date("9999-01-01T00:00:00.000Z"), id: 2n ** 63n - 1n } };
    expect(await queryAuditLogs(admin, {}, future)).toEqual(first);
  });

  it("shows the entries of no tenant to a superadmin who asks for them, and nowhere else", async () => {
    const marker = `lockout ${suffix}`;
    await insert([{ tenantId: null, resourceType: "SECURITY", actorEmail: "system", createdAt: new Date("2024-03-01T08:00:00.000Z"), details: marker }]);
    const day = { from: "2024-03-01", to: "2024-03-01" };
    const instance = await queryAuditLogs(admin, { scope: "instance", ...day });
    expect(details(instance)).toContain(marker);
    expect(details(instance)).not.toContain("midday");
    expect(details(await queryAuditLogs(admin, { scope: "instance", resourceType: "USER", ...day }))).not.toContain(marker);
    expect(details(await queryAuditLogs(admin, day))).not.toContain(marker);

    const auditor = await makeActor(TENANT, { label: "tenant-auditor" });
    const role = await db().role.create({ data: { tenantId: TENANT, name: `Tenant auditor ${suffix}`, permissions: { AUDITLOG: ["READ"] } } });
    await db().binding.create({ data: { tenantId: TENANT, type: "USER", userId: auditor.id, roleId: role.id } });
    const withGrant = { ...auditor, principal: (await loadPrincipal(db(), auditor.id, TENANT))! };
    expect(details(await queryAuditLogs(withGrant, day))).toContain("midday");
    await expect(queryAuditLogs(withGrant, { scope: "instance", ...day })).rejects.toBeInstanceOf(Forbidden);
  });

  it("needs AUDITLOG:READ somewhere in the tenant", async () => {
    const nobody = await makeActor(TENANT, { label: "nobody" });
    await expect(queryAuditLogs(nobody, {})).rejects.toBeInstanceOf(Forbidden);

    const auditor = await makeActor(TENANT, { label: "auditor" });
    const role = await db().role.create({ data: { tenantId: TENANT, name: `Auditor ${suffix}`, permissions: { AUDITLOG: ["READ"] } } });
    await db().binding.create({ data: { tenantId: TENANT, type: "USER", userId: auditor.id, roleId: role.id, namespace: "company" } });
    const withGrant = { ...auditor, principal: (await loadPrincipal(db(), auditor.id, TENANT))! };
    // Allowed, though every entry of this tenant so far is tenant-wide: what it then sees is tested below.
    expect((await queryAuditLogs(withGrant, {})).entries).toEqual([]);
    // The same grant means nothing in another tenant.
    await expect(queryAuditLogs({ ...withGrant, tenantId: OTHER_TENANT }, {})).rejects.toBeInstanceOf(Forbidden);
  });
});

describe("queryAuditLogs scoped to the reader's namespaces (real PostgreSQL)", () => {
  // Each entry's namespaces as audit() stores them (lib/iam/authz/concerns.ts).
  const LABELED: { details: string; namespaces: string[]; resourceType: string; actorEmail: string }[] = [
    { details: "on company", namespaces: ["company"], resourceType: "BINDING", actorEmail: "ada@corp.test" },
    { details: "on company.team", namespaces: ["company.team"], resourceType: "INVITATION", actorEmail: "bob@corp.test" },
    { details: "on company.team.data", namespaces: ["company.team.data"], resourceType: "BINDING", actorEmail: "bob@corp.test" },
    { details: "on company and company.team", namespaces: ["company", "company.team"], resourceType: "INVITATION", actorEmail: "ada@corp.test" },
    { details: "on other", namespaces: ["other"], resourceType: "BINDING", actorEmail: "ada@corp.test" },
    { details: "tenant-wide", namespaces: [], resourceType: "BINDING", actorEmail: "ada@corp.test" },
    { details: "on companyx", namespaces: ["companyx"], resourceType: "NAMESPACE", actorEmail: "ada@corp.test" },
    { details: "on company and other", namespaces: ["company", "other"], resourceType: "INVITATION", actorEmail: "ada@corp.test" },
    { details: "on team_a.x", namespaces: ["team_a.x"], resourceType: "BINDING", actorEmail: "ada@corp.test" },
    { details: "on teamza.x", namespaces: ["teamza.x"], resourceType: "BINDING", actorEmail: "ada@corp.test" },
    { details: "on team_a", namespaces: ["team_a"], resourceType: "NAMESPACE", actorEmail: "ada@corp.test" },
  ];
  const DAY = "2031-01-01";
  const PAGING_DAY = "2031-02-01";
  const newestFirst = (labels: string[]) => LABELED.map((entry) => entry.details).filter((label) => labels.includes(label)).reverse();
  const COMPANY = ["on company", "on company.team", "on company.team.data", "on company and company.team"];
  let scopedTenant: string;
  let companyAdmin: TenantActor;
  let companyAndOther: TenantActor;
  let underscore: TenantActor;
  let tenantAuditor: TenantActor;
  let root: TenantActor;

  beforeAll(async () => {
    scopedTenant = await createTenant(["company", "company.team", "company.team.data", "companyx", "other", "team_a", "teamza"]);
    const member = async (...namespaces: (string | null)[]) => {
      const user = await createMember(scopedTenant);
      for (const namespace of namespaces) await bind(scopedTenant, user.id, "Admin", namespace);
      return actorFor(user.id, scopedTenant);
    };
    companyAdmin = await member("company");
    companyAndOther = await member("company", "other");
    underscore = await member("team_a");
    // Tenant-wide, but nothing else: the scope follows AUDITLOG:READ, not being an Admin.
    const auditor = await createMember(scopedTenant);
    const role = await db().role.create({ data: { tenantId: scopedTenant, name: "Auditor", permissions: { AUDITLOG: ["READ"] } } });
    await db().binding.create({ data: { tenantId: scopedTenant, type: "USER", userId: auditor.id, roleId: role.id } });
    tenantAuditor = await actorFor(auditor.id, scopedTenant);
    root = await actorFor((await createMember(scopedTenant, { superAdmin: true })).id, scopedTenant);

    const base = Date.parse(`${DAY}T08:00:00.000Z`);
    await db().auditLog.createMany({
      data: LABELED.map((entry, index) => ({ ...entry, tenantId: scopedTenant, resourceId: "r", action: "UPDATE", createdAt: new Date(base + index * 60_000) })),
    });
  });

  const day = { from: DAY, to: DAY };
  const details = (page: AuditLogPage) => page.entries.map((entry) => entry.details);

  it("shows a namespace-scoped admin the entries on their namespace and below, never elsewhere or tenant-wide", async () => {
    expect(details(await queryAuditLogs(companyAdmin, day))).toEqual(newestFirst(COMPANY));
  });

  it("needs every namespace of an entry covered, by one grant or several", async () => {
    expect(details(await queryAuditLogs(companyAndOther, day))).toEqual(newestFirst([...COMPANY, "on other", "on company and other"]));
  });

  it("treats _ in a granted namespace as itself, not as a LIKE wildcard", async () => {
    expect(details(await queryAuditLogs(underscore, day))).toEqual(newestFirst(["on team_a.x", "on team_a"]));
  });

  it("shows everything to a tenant-wide reader and to a superadmin", async () => {
    const all = newestFirst(LABELED.map((entry) => entry.details));
    expect(details(await queryAuditLogs(tenantAuditor, day))).toEqual(all);
    expect(details(await queryAuditLogs(root, day))).toEqual(all);
  });

  it("combines the scope with the type, actor and date filters", async () => {
    expect(details(await queryAuditLogs(companyAdmin, { ...day, resourceType: "BINDING" }))).toEqual(newestFirst(["on company", "on company.team.data"]));
    expect(details(await queryAuditLogs(companyAdmin, { ...day, actor: "bob@" }))).toEqual(newestFirst(["on company.team", "on company.team.data"]));
    expect(details(await queryAuditLogs(companyAdmin, { ...day, resourceType: "INVITATION", actor: "ada" }))).toEqual(["on company and company.team"]);
    expect(details(await queryAuditLogs(companyAdmin, { from: "2031-01-02" }))).not.toContain("on company");
    expect(details(await queryAuditLogs(companyAndOther, { ...day, resourceType: "NAMESPACE" }))).toEqual([]);
    expect(details(await queryAuditLogs(tenantAuditor, { ...day, resourceType: "NAMESPACE" }))).toEqual(newestFirst(["on companyx", "on team_a"]));
  });

  it("pages a scoped reader through exactly their entries, in both directions, across equal timestamps", async () => {
    // 260 entries, seven to a second, cycling through four scopes: the company admin may read half of them.
    const cycle = [["company.team"], ["other"], [], ["company"]];
    const base = Date.parse(`${PAGING_DAY}T00:00:00.000Z`);
    await db().auditLog.createMany({
      data: Array.from({ length: 260 }, (_, index) => ({
        tenantId: scopedTenant,
        resourceType: "BINDING",
        resourceId: "r",
        action: "CREATE",
        actorEmail: "pager@corp.test",
        createdAt: new Date(base + Math.floor(index / 7) * 1000),
        details: `row ${index}`,
        namespaces: cycle[index % cycle.length],
      })),
    });
    const filters = { from: PAGING_DAY, to: PAGING_DAY };
    const everything = await db().auditLog.findMany({
      where: { tenantId: scopedTenant, actorEmail: "pager@corp.test" },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    const readable = (entry: (typeof everything)[number]) => entry.namespaces[0]?.startsWith("company") ?? false;
    const ids = (entries: typeof everything) => entries.map((entry) => entry.id.toString());
    const expected = ids(everything.filter(readable));
    expect(expected).toHaveLength(130);

    const pages = await walkOlder(companyAdmin, filters);
    expect(pages.map((page) => page.entries.length)).toEqual([AUDIT_PAGE_SIZE, AUDIT_PAGE_SIZE, 30]);
    expect(pages.flatMap((page) => page.entries.map((entry) => entry.id))).toEqual(expected);
    expect(pages[2].older).toBeUndefined();
    expect(await queryAuditLogs(companyAdmin, filters, parseAuditLogSearch({ after: pages[2].newer }).page)).toEqual(pages[1]);
    expect(await queryAuditLogs(companyAdmin, filters, parseAuditLogSearch({ after: pages[1].newer }).page)).toEqual(pages[0]);

    // A cursor taken from an entry the reader cannot see still positions the page, and shows nothing it hides.
    const hidden = everything.filter((entry) => entry.namespaces.length === 0)[20];
    const fromHidden = await queryAuditLogs(companyAdmin, filters, { direction: "older", cursor: { createdAt: hidden.createdAt, id: hidden.id } });
    const older = everything.slice(everything.indexOf(hidden) + 1).filter(readable);
    expect(fromHidden.entries.map((entry) => entry.id)).toEqual(ids(older).slice(0, AUDIT_PAGE_SIZE));

    const tenantWide = await walkOlder(tenantAuditor, filters);
    expect(tenantWide.flatMap((page) => page.entries.map((entry) => entry.id))).toEqual(ids(everything));
  });
});

describe("queryAuditLogs in words: each entry a sentence, linking only what is still this tenant's (real PostgreSQL)", () => {
  let tenant: string;
  let root: TenantActor;
  let member: { id: string; email: string };
  let leaver: { id: string; email: string };
  let team: string;
  let crew: string;
  let auditors: string;
  let page: AuditLogPage;

  beforeAll(async () => {
    tenant = await createTenant(["company", "company.team"]);
    root = await actorFor((await createMember(tenant, { superAdmin: true })).id, tenant);
    member = await createMember(tenant);
    leaver = await createMember(tenant);
    // Real writes, so the sentences are read from what the writers record, not from rows shaped by hand.
    team = (await createGroup(root, { name: "Data team", description: "" })).id;
    crew = (await createGroup(root, { name: "Old crew", description: "" })).id;
    await addMember(root, team, member.id);
    await addMember(root, team, leaver.id);
    await addBindings(root, { type: "GROUP", groupId: team }, { roleId: await roleId(tenant, "Viewer"), namespaces: ["company.team"] });
    await updateGroup(root, crew, { name: "Gone crew", description: "" });
    await deleteGroup(root, crew);
    auditors = (await createRole(root, { name: "Auditors", description: "", permissions: { AUDITLOG: ["READ"] } })).id;
    await deleteRole(root, (await createRole(root, { name: "Temporary", description: "", permissions: { FLOW: ["READ"] } })).id);
    await addNamespace(root, { name: "sales", createParents: true });
    await removeFromTenant(root, leaver.id);
    page = await queryAuditLogs(root, {});
  });

  /** The entry whose sentence reads `text`, as [words, link] pairs of its linked parts. */
  function linksOf(text: string) {
    const entry = page.entries.find((candidate) => sentenceText(candidate.sentence) === text);
    expect(entry, `no entry reads “${text}”; the page reads:\n${page.entries.map((e) => sentenceText(e.sentence)).join("\n")}`).toBeDefined();
    return entry!.sentence.flatMap((part) => (part.link ? [[part.text, part.link]] : []));
  }

  it("links the groups, roles, users and namespaces that still exist", () => {
    const me = [root.email, { kind: "user", id: root.id }];
    expect(linksOf(`${root.email} created the group Data team`)).toEqual([me, ["the group Data team", { kind: "group", id: team }]]);
    expect(linksOf(`${root.email} added ${member.email} to Data team`)).toEqual([me, [member.email, { kind: "user", id: member.id }], ["Data team", { kind: "group", id: team }]]);
    expect(linksOf(`${root.email} granted Viewer on company.team to the group Data team`)).toEqual([me, ["the group Data team", { kind: "group", id: team }]]);
    expect(linksOf(`${root.email} created the role Auditors`)).toEqual([me, ["the role Auditors", { kind: "role", id: auditors }]]);
    expect(linksOf(`${root.email} added the namespace sales`)).toEqual([me, ["sales", { kind: "namespace", name: "sales" }]]);
  });

  it("keeps the recorded names of what was renamed or deleted since, as plain text", () => {
    const me = [root.email, { kind: "user", id: root.id }];
    expect(linksOf(`${root.email} created the group Old crew`)).toEqual([me]);
    expect(linksOf(`${root.email} renamed the group Old crew to Gone crew`)).toEqual([me]);
    expect(linksOf(`${root.email} deleted the group Gone crew`)).toEqual([me]);
    expect(linksOf(`${root.email} deleted the role Temporary`)).toEqual([me]);
    // Removed from the tenant: their account exists, but their page here would be a 404.
    expect(linksOf(`${root.email} added ${leaver.email} to Data team`)).toEqual([me, ["Data team", { kind: "group", id: team }]]);
    expect(linksOf(`${root.email} removed ${leaver.email} from the tenant`)).toEqual([me]);
  });

  it("tells what still exists for the whole page in one query besides the page's own", async () => {
    expect(page.entries.length).toBeGreaterThanOrEqual(12);
    const sent: string[] = [];
    const original = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const config = args[0] as string | { text?: string };
      sent.push(typeof config === "string" ? config : (config?.text ?? ""));
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof pg.Client.prototype.query;
    try {
      expect(await queryAuditLogs(root, {})).toEqual(page);
    } finally {
      pg.Client.prototype.query = original;
    }
    expect(sent.filter((text) => /^\s*SELECT/i.test(text))).toHaveLength(2);
  });

  it("links a user named in an entry of no tenant only when they are a user of this tenant", async () => {
    const outsider = await db().user.create({ data: { email: `outsider-${suffix}@audit.test` } });
    const at = new Date("2032-05-05T10:00:00.000Z");
    await db().auditLog.createMany({
      data: [member, outsider].map((user, index) => ({
        tenantId: null,
        actorId: user.id,
        actorEmail: user.email,
        resourceType: "USER",
        resourceId: user.id,
        action: "UPDATE",
        details: `Linked oidc account to ${user.email} at first SSO sign-in`,
        after: { provider: "oidc" },
        createdAt: new Date(at.getTime() + index),
      })),
    });
    const instance = await queryAuditLogs(root, { scope: "instance", from: "2032-05-05", to: "2032-05-05" });
    expect(instance.entries.map((entry) => entry.sentence)).toEqual([
      [{ text: `${outsider.email} linked their oidc account at their first single sign-on` }],
      [{ text: member.email, link: { kind: "user", id: member.id } }, { text: " linked their oidc account at their first single sign-on" }],
    ]);
  });
});
