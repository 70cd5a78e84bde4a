import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { createTenant, superAdminActor } from "@/test/fixtures";
import { userFiltersSchema } from "./user-filter-schemas";
import { listDirectoryPage, USERS_PAGE_SIZE } from "./user-directory";

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
