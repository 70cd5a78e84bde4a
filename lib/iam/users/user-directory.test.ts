import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { heldRoleLabel } from "@/lib/iam/authz/binding-labels";
import { actorFor, bind, createMember, createTenant, roleId, superAdminActor } from "@/test/fixtures";
import { userFiltersSchema } from "./user-filter-schemas";
import { listDirectoryPage, ROLES_SHOWN, USERS_PAGE_SIZE } from "./user-directory";

let tenant: string;
let admin: TenantActor;
const TOTAL = 60;
const emails: string[] = [];

beforeAll(async () => {
  tenant = await createTenant();
  admin = await superAdminActor(tenant);
  const other = await createTenant();
  const names = ["Ada", "Grace", "Alan", "Katherine", "Edsger", "Barbara"];
  for (let index = 0; index < TOTAL; index++) {
    const email = `dir${String(index).padStart(3, "0")}-${tenant}@test.example`;
    emails.push(email);
    await db().user.create({
      data: {
        email,
        firstName: names[index % names.length],
        lastName: index === 7 ? "O'Hara_100%" : `Surname${String(TOTAL - index).padStart(3, "0")}`,
        disabled: index % 10 === 0,
        accesses: { create: { tenantId: tenant } },
      },
    });
  }
  await db().user.create({ data: { email: `outsider-${other}@test.example`, firstName: "Ada", accesses: { create: { tenantId: other } } } });
});

const filters = (raw: Record<string, string>) => userFiltersSchema.parse(raw);

async function walk(raw: Record<string, string>) {
  const seen: string[] = [];
  let page = await listDirectoryPage(admin, filters(raw));
  seen.push(...page.users.map((user) => user.email));
  while (page.nextCursor) {
    page = await listDirectoryPage(admin, filters({ ...raw, after: page.nextCursor }));
    seen.push(...page.users.map((user) => user.email));
  }
  return { seen, last: page };
}

describe("user directory (real PostgreSQL)", () => {
  it("pages by email with keyset cursors: every user once, in order, 25 a page, only this tenant", async () => {
    const first = await listDirectoryPage(admin, filters({}));
    expect(first.users).toHaveLength(USERS_PAGE_SIZE);
    expect(first.previousCursor).toBeUndefined();
    const { seen, last } = await walk({});
    expect(seen).toEqual([...emails].sort());
    expect(last.nextCursor).toBeUndefined();
  });

  it("walks back with the previous cursor to exactly the page before", async () => {
    const first = await listDirectoryPage(admin, filters({}));
    const second = await listDirectoryPage(admin, filters({ after: first.nextCursor! }));
    const back = await listDirectoryPage(admin, filters({ before: second.previousCursor! }));
    expect(back.users.map((user) => user.email)).toEqual(first.users.map((user) => user.email));
    expect(back.previousCursor).toBeUndefined();
    expect(back.nextCursor).toBeDefined();
  });

  it.each(["-email", "name", "-name", "created", "-created"])("sort %s visits every user exactly once", async (sort) => {
    const { seen } = await walk({ sort });
    expect(new Set(seen).size).toBe(TOTAL);
    expect(seen).toHaveLength(TOTAL);
  });

  it("searches email and names by fragment, every term must match, case-insensitively", async () => {
    const page = await listDirectoryPage(admin, filters({ q: "GRACE" }));
    expect(page.users).toHaveLength(TOTAL / 6);
    expect(page.users.every((user) => user.firstName === "Grace")).toBe(true);
    const both = await listDirectoryPage(admin, filters({ q: "ada dir006" }));
    expect(both.users.map((user) => user.email)).toEqual([emails[6]]);
  });

  it("treats LIKE wildcards and SQL in the search as plain text", async () => {
    expect((await listDirectoryPage(admin, filters({ q: "_100%" }))).users.map((user) => user.email)).toEqual([emails[7]]);
    expect((await listDirectoryPage(admin, filters({ q: "%" }))).users.map((user) => user.email)).toEqual([emails[7]]);
    expect((await listDirectoryPage(admin, filters({ q: "' OR 1=1 --" }))).users).toHaveLength(0);
  });

  it("filters by status and group", async () => {
    const { seen } = await walk({ status: "disabled" });
    expect(seen).toHaveLength(TOTAL / 10);
    const group = await db().group.create({ data: { tenantId: tenant, name: "dir-group", members: { create: [{ userId: (await db().user.findUniqueOrThrow({ where: { email: emails[3] } })).id }] } } });
    const inGroup = await listDirectoryPage(admin, filters({ group: group.id }));
    expect(inGroup.users.map((user) => user.email)).toEqual([emails[3]]);
    expect(inGroup.users[0].groups).toEqual(["dir-group"]);
  });

  it("ignores malformed or tampered URL state instead of failing", async () => {
    const parsed = userFiltersSchema.parse({ sort: "password", status: "root", group: "1; DROP TABLE users", after: "!!not-a-cursor!!", q: "x".repeat(5000) });
    expect(parsed).toMatchObject({ sort: "email", status: undefined, group: undefined, q: undefined });
    const page = await listDirectoryPage(admin, parsed);
    expect(page.users.map((user) => user.email)).toEqual([...emails].sort().slice(0, USERS_PAGE_SIZE));
    const forged = Buffer.from(JSON.stringify(["not-a-date", "not-a-uuid"])).toString("base64url");
    const fromForged = await listDirectoryPage(admin, filters({ sort: "created", after: forged }));
    expect(fromForged.users.map((user) => user.email)).toEqual(emails.slice(0, USERS_PAGE_SIZE));
    for (const before of ["!!not-a-cursor!!", forged]) {
      const backFromNowhere = await listDirectoryPage(admin, filters({ sort: "created", before }));
      expect(backFromNowhere.users.map((user) => user.email), before).toEqual(emails.slice(0, USERS_PAGE_SIZE));
      expect(backFromNowhere.previousCursor).toBeUndefined();
    }
  });

  it("treats a NUL or other control character in the search as a space, and ignores a cursor holding one", async () => {
    // PostgreSQL rejects NUL in text ("invalid byte sequence"): before this, such a URL failed the whole page.
    expect(filters({ q: "dir007\u0000o'hara" }).q).toBe("dir007 o'hara");
    const found = await listDirectoryPage(admin, filters({ q: "dir007\u0000o'hara\u0007" }));
    expect(found.users.map((user) => user.email)).toEqual([emails[7]]);
    expect((await listDirectoryPage(admin, filters({ q: "\u0000" }))).users).toHaveLength(USERS_PAGE_SIZE);
    const withNul = Buffer.from(JSON.stringify([`${emails[3]}\u0000`])).toString("base64url");
    for (const direction of ["after", "before"]) {
      const page = await listDirectoryPage(admin, filters({ [direction]: withNul }));
      expect(page.users.length, direction).toBeGreaterThan(0);
    }
  });
});

describe("the Roles column: direct and through groups, capped, scoped to a delegated reader (real PostgreSQL)", () => {
  let rolesTenant: string;
  let email: string;
  let superadmin: TenantActor;

  beforeAll(async () => {
    rolesTenant = await createTenant();
    superadmin = await superAdminActor(rolesTenant);
    const user = await createMember(rolesTenant);
    email = user.email;
    await bind(rolesTenant, user.id, "Viewer", "company.team");
    await bind(rolesTenant, user.id, "Admin");
    const group = await db().group.create({ data: { tenantId: rolesTenant, name: "Data team", members: { create: [{ userId: user.id }] } } });
    const elsewhere = await createTenant();
    // A group of another tenant the user is also in: its bindings never show here.
    const foreign = await db().group.create({ data: { tenantId: elsewhere, name: "Foreign", members: { create: [{ userId: user.id }] } } });
    await db().binding.create({ data: { tenantId: elsewhere, type: "GROUP", groupId: foreign.id, roleId: await roleId(elsewhere, "Admin") } });
    for (const [name, namespace] of [["Viewer", "company"], ["Developer", "company.team.data"], ["Editor", null]] as const) {
      await db().binding.create({ data: { tenantId: rolesTenant, type: "GROUP", groupId: group.id, roleId: await roleId(rolesTenant, name), namespace } });
    }
  });

  const rowOf = async (reader: TenantActor) => {
    const page = await listDirectoryPage(reader, userFiltersSchema.parse({ q: email }));
    expect(page.users).toHaveLength(1);
    return { ...page.users[0], labels: page.users[0].roles.map(heldRoleLabel), limitedTo: page.rolesLimitedTo };
  };

  const readerWith = async (role: string, namespace: string) => {
    const reader = await createMember(rolesTenant);
    await bind(rolesTenant, reader.id, role, namespace);
    return actorFor(reader.id, rolesTenant);
  };

  it("shows the first roles, direct ones first, with where they apply and the group they come through, and counts them all", async () => {
    const row = await rowOf(superadmin);
    expect(row.labels).toEqual(["Admin tenant-wide", "Viewer on company.team", "Developer on company.team.data · via Data team"]);
    expect(row.labels).toHaveLength(ROLES_SHOWN);
    expect(row.roleCount).toBe(5);
    expect(row.roles[2].via).toMatchObject({ name: "Data team" });
    expect(row.limitedTo).toBeNull();
  });

  it("a delegated admin sees only the bindings within their namespaces, direct or via a group; never tenant-wide ones", async () => {
    const teamAdmin = await readerWith("Admin", "company.team");
    const row = await rowOf(teamAdmin);
    expect(row.labels).toEqual(["Viewer on company.team", "Developer on company.team.data · via Data team"]);
    expect(row.roleCount).toBe(2);
    expect(row.limitedTo).toEqual(["company.team"]);
    // Data team's Viewer on company applies in company.team too, but the binding is outside the reader's namespaces.
    expect(row.labels.join()).not.toMatch(/Viewer on company ·|Editor|Admin/);

    const otherAdmin = await readerWith("Admin", "other");
    const outsider = await rowOf(otherAdmin);
    expect(outsider.roles).toEqual([]);
    expect(outsider.roleCount).toBe(0);
    // The user and their groups stay visible (docs/rules.md § Delegation 9): only the bindings are scoped.
    expect(outsider.groups).toEqual(["Data team"]);
  });

  it("a reader on a parent namespace sees the bindings below it, a namespace's look-alike does not count", async () => {
    const companyReader = await readerWith("Admin", "company");
    expect((await rowOf(companyReader)).roleCount).toBe(3);
    await db().namespace.create({ data: { tenantId: rolesTenant, name: "company.tea" } });
    const lookAlike = await readerWith("Admin", "company.tea");
    expect((await rowOf(lookAlike)).roleCount).toBe(0);
  });
});
