import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { db } from "@/lib/db/client";
import { addBindings } from "@/lib/iam/bindings/role-bindings";
import { Conflict, Forbidden, Invalid, NotFound } from "@/lib/iam/errors";
import { loadPrincipal } from "@/lib/iam/authz/grants";
import { createGroup, deleteGroup, updateGroup } from "./group-writes";
import { getGroup, groupChoices, GROUPS_PAGE_SIZE, listGroups, MEMBER_CANDIDATES_LIMIT, searchMemberCandidates } from "./group-reads";
import { GROUP_MEMBERS_PAGE_SIZE, listGroupMembers } from "./list-group-members";
import { addMember } from "./group-memberships";
import { nameKeys } from "@/lib/iam/names/look-alikes";
import { MANAGED_ROLES } from "@/lib/iam/authz/permissions";
import { groupFormSchema, memberSearchSchema } from "./group-schemas";
import { aQueryWaitsOn, withOtherTransaction } from "@/test/races";

// Lets a test make the audit write fail, to prove the change it records rolls back with it.
const auditControl = vi.hoisted(() => ({ fail: false }));
vi.mock("@/lib/iam/audit/write-audit", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/iam/audit/write-audit")>();
  return {
    ...real,
    audit: async (...args: Parameters<typeof real.audit>) => {
      if (auditControl.fail) throw new Error("audit store unavailable");
      return real.audit(...args);
    },
  };
});

const suffix = randomBytes(4).toString("hex");
const TENANT = `groups-${suffix}`;
const OTHER_TENANT = `groups-other-${suffix}`;
const roleIds: Record<string, string> = {};
let admin: TenantActor;
let viewer: TenantActor;
let delegated: TenantActor;
let otherTenantGroupId: string;

async function createUser(label: string, tenantId: string) {
  return db().user.create({
    data: { email: `${label}-${suffix}@groups.test`, firstName: label, lastName: "Test", accesses: { create: { tenantId } } },
  });
}

async function actorFor(userId: string, tenantId: string): Promise<TenantActor> {
  const user = await db().user.findUniqueOrThrow({ where: { id: userId } });
  const principal = await loadPrincipal(db(), userId, tenantId);
  if (!principal) throw new Error("test user vanished");
  return { id: user.id, email: user.email, name: user.firstName, isSuperAdmin: user.superAdmin, tenantId, principal };
}

async function bind(userId: string, role: string, namespace: string | null = null) {
  await db().binding.create({ data: { tenantId: TENANT, type: "USER", userId, roleId: roleIds[role], namespace } });
}

const auditCount = (resourceId?: string) => db().auditLog.count({ where: { tenantId: TENANT, ...(resourceId ? { resourceId } : {}) } });
/** The id of the transaction that wrote a row's current version. */
async function groupXmin(id: string) {
  const [row] = await db().$queryRaw<{ xmin: string }[]>`SELECT xmin::text FROM groups WHERE id = ${id}::uuid`;
  return row.xmin;
}
async function auditXmin(resourceId: string, action: string) {
  const [row] = await db().$queryRaw<{ xmin: string }[]>`SELECT xmin::text FROM audit_logs WHERE resource_id = ${resourceId} AND action = ${action}`;
  return row.xmin;
}

beforeAll(async () => {
  for (const id of [TENANT, OTHER_TENANT]) await db().tenant.create({ data: { id, name: id } });
  for (const role of MANAGED_ROLES) {
    roleIds[role.name] = (await db().role.create({ data: { tenantId: TENANT, isManaged: true, ...role, ...nameKeys(role.name) } })).id;
  }
  await db().namespace.createMany({ data: ["company", "company.team"].map((name) => ({ tenantId: TENANT, name })) });

  const adminUser = await createUser("admin", TENANT);
  await bind(adminUser.id, "Admin");
  const viewerUser = await createUser("viewer", TENANT);
  await bind(viewerUser.id, "Viewer");
  const delegatedUser = await createUser("delegated", TENANT);
  await bind(delegatedUser.id, "Admin", "company");
  [admin, viewer, delegated] = await Promise.all([adminUser, viewerUser, delegatedUser].map((user) => actorFor(user.id, TENANT)));

  otherTenantGroupId = (await db().group.create({ data: { tenantId: OTHER_TENANT, name: "Elsewhere" } })).id;
});

beforeEach(() => {
  auditControl.fail = false;
});

describe("groups (real PostgreSQL)", () => {
  it("creates, renames and deletes a group, auditing each change in the transaction that makes it", async () => {
    const { id } = await createGroup(admin, { name: "Platform", description: "Runs the platform" });
    const created = await db().auditLog.findFirstOrThrow({ where: { resourceId: id, action: "CREATE" } });
    expect(created).toMatchObject({
      tenantId: TENANT,
      actorId: admin.id,
      actorEmail: admin.email,
      resourceType: "GROUP",
      details: "Created group Platform",
      after: { name: "Platform", description: "Runs the platform" },
    });
    // Same inserting transaction id: the group and its audit entry commit (or roll back) together.
    expect(await auditXmin(id, "CREATE")).toBe(await groupXmin(id));

    await updateGroup(admin, id, { name: "Platform team", description: "Runs the platform" });
    const renamed = await db().auditLog.findFirstOrThrow({ where: { resourceId: id, action: "UPDATE" } });
    expect(renamed).toMatchObject({
      details: "Renamed group Platform to Platform team",
      before: { name: "Platform", description: "Runs the platform" },
      after: { name: "Platform team", description: "Runs the platform" },
    });
    expect(await auditXmin(id, "UPDATE")).toBe(await groupXmin(id));

    await updateGroup(admin, id, { name: "Platform team", description: "Runs the platform" });
    expect(await auditCount(id)).toBe(2);

    await deleteGroup(admin, id);
    expect(await db().group.findUnique({ where: { id } })).toBeNull();
    const deleted = await db().auditLog.findFirstOrThrow({ where: { resourceId: id, action: "DELETE" } });
    expect(deleted).toMatchObject({ resourceType: "GROUP", details: "Deleted group Platform team with 0 members and 0 role bindings" });
  });

  it("rolls the change back when its audit entry cannot be written", async () => {
    const groupsBefore = await db().group.count({ where: { tenantId: TENANT } });
    auditControl.fail = true;
    await expect(createGroup(admin, { name: "Unrecorded", description: "" })).rejects.toThrow("audit store unavailable");
    expect(await db().group.count({ where: { tenantId: TENANT } })).toBe(groupsBefore);

    auditControl.fail = false;
    const { id } = await createGroup(admin, { name: "Recorded", description: "" });
    auditControl.fail = true;
    await expect(updateGroup(admin, id, { name: "Renamed silently", description: "" })).rejects.toThrow();
    await expect(deleteGroup(admin, id)).rejects.toThrow();
    expect(await db().group.findUnique({ where: { id } })).toMatchObject({ name: "Recorded" });
  });

  it("deleting a group takes its memberships and bindings along and says how many in the audit entry", async () => {
    const { id } = await createGroup(admin, { name: "Data team", description: "" });
    await addMember(admin, id, viewer.id);
    await addMember(admin, id, delegated.id);
    await addBindings(admin, { type: "GROUP", groupId: id }, { roleId: roleIds.Developer, namespaces: ["company.team"] });

    const [row] = (await listGroups(admin, { q: "Data team" })).groups.filter((group) => group.id === id);
    expect(row).toMatchObject({ memberCount: 2, bindings: [{ role: "Developer", namespace: "company.team" }] });

    expect(await deleteGroup(admin, id)).toEqual({ members: 2, bindings: 1 });
    expect(await db().groupMembership.count({ where: { groupId: id } })).toBe(0);
    expect(await db().binding.count({ where: { groupId: id } })).toBe(0);
    const entry = await db().auditLog.findFirstOrThrow({ where: { resourceId: id, action: "DELETE" } });
    expect(entry.details).toBe("Deleted group Data team with 2 members and 1 role binding");
    expect(entry.before).toMatchObject({
      members: [viewer.email, delegated.email].sort(),
      bindings: [{ role: "Developer", namespace: "company.team" }],
    });
  });

  it("compares an unkeyed (legacy) name literally: LIKE wildcards and backslashes match only themselves", async () => {
    const legacy = `Data_team ${randomBytes(2).toString("hex")}`;
    await db().group.create({ data: { tenantId: admin.tenantId, name: legacy } });
    await expect(createGroup(admin, { name: legacy.toUpperCase(), description: "" })).rejects.toBeInstanceOf(Conflict);
    await expect(createGroup(admin, { name: legacy.replace("_", "x"), description: "" })).resolves.toBeTruthy();
    await expect(createGroup(admin, { name: "Back\\slash", description: "" })).resolves.toBeTruthy();
  });

  it("refuses a second group of the same name, whatever its case, with a clear message", async () => {
    const { id } = await createGroup(admin, { name: "Ops", description: "" });
    await expect(createGroup(admin, { name: "ops", description: "" })).rejects.toThrow(new Conflict('A group named "Ops" already exists.'));
    const { id: otherId } = await createGroup(admin, { name: "Support", description: "" });
    await expect(updateGroup(admin, otherId, { name: "OPS", description: "" })).rejects.toBeInstanceOf(Conflict);
    await updateGroup(admin, id, { name: "OPS", description: "" });
    expect(await db().group.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: "OPS" });

    // The same name in another tenant is someone else's business: "Elsewhere" exists in OTHER_TENANT, "OPS" here.
    await expect(createGroup(admin, { name: "Elsewhere", description: "" })).resolves.toBeTruthy();
    const otherAdmin = await actorFor((await db().user.create({ data: { email: `other-admin-${suffix}@groups.test`, superAdmin: true } })).id, OTHER_TENANT);
    await expect(createGroup(otherAdmin, { name: "Ops", description: "" })).resolves.toBeTruthy();
    expect(await db().group.count({ where: { name: { in: ["Ops", "OPS"] }, tenantId: { in: [TENANT, OTHER_TENANT] } } })).toBe(2);
  });

  it("lets exactly one of several concurrent creates of one name win", async () => {
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => createGroup(admin, { name: "Racers", description: "" })));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results.filter((result) => result.status === "rejected")) {
      expect(result.reason).toBeInstanceOf(Conflict);
      expect(result.reason.message).toBe('A group named "Racers" already exists.');
    }
    expect(await db().auditLog.count({ where: { tenantId: TENANT, details: "Created group Racers" } })).toBe(1);
  });

  it("writes nothing for an actor without the tenant-wide GROUP permission", async () => {
    const { id } = await createGroup(admin, { name: "Guarded", description: "" });
    const groupsBefore = await db().group.count({ where: { tenantId: TENANT } });
    const auditsBefore = await auditCount();
    for (const actor of [viewer, delegated]) {
      await expect(createGroup(actor, { name: "Sneaky", description: "" })).rejects.toThrow(new Forbidden("You need the GROUP:CREATE permission to do this."));
      await expect(updateGroup(actor, id, { name: "Hijacked", description: "" })).rejects.toBeInstanceOf(Forbidden);
      await expect(deleteGroup(actor, id)).rejects.toBeInstanceOf(Forbidden);
    }
    await expect(listGroups(viewer)).rejects.toBeInstanceOf(Forbidden);
    expect(await db().group.count({ where: { tenantId: TENANT } })).toBe(groupsBefore);
    expect(await db().group.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: "Guarded" });
    expect(await auditCount()).toBe(auditsBefore);
  });

  it("treats another tenant's group, an unknown id and a malformed id as not found", async () => {
    for (const groupId of [otherTenantGroupId, randomUUID(), "not-a-uuid", "' OR 1=1 --"]) {
      expect(await getGroup(admin, groupId)).toBeNull();
      await expect(updateGroup(admin, groupId, { name: "Taken over", description: "" })).rejects.toBeInstanceOf(NotFound);
      await expect(deleteGroup(admin, groupId)).rejects.toBeInstanceOf(NotFound);
    }
    expect(await db().group.findUniqueOrThrow({ where: { id: otherTenantGroupId } })).toMatchObject({ name: "Elsewhere", tenantId: OTHER_TENANT });
    const named = await listGroups(admin, { q: "Elsewhere" });
    expect(named.groups.map((group) => group.id)).not.toContain(otherTenantGroupId);
    expect(named.groups.every((group) => group.name === "Elsewhere")).toBe(true);
  });

  it("shows a group's members and bindings, and offers only users of the tenant not yet in it", async () => {
    const { id } = await createGroup(admin, { name: "Readers", description: "Read-only folks" });
    await addMember(admin, id, viewer.id);
    await addBindings(admin, { type: "GROUP", groupId: id }, { roleId: roleIds.Viewer, namespaces: [] });
    const outsider = await createUser("outsider", OTHER_TENANT);

    const group = await getGroup(admin, id);
    expect(group).toMatchObject({ name: "Readers", description: "Read-only folks", memberCount: 1, bindings: [{ role: "Viewer", namespace: null }] });
    expect((await listGroupMembers(admin, id, {})).members).toMatchObject([{ id: viewer.id, email: viewer.email, name: "viewer Test" }]);
    const choices = await groupChoices(admin, id);
    const offered = choices.users.map((user) => user.id);
    expect(offered).toEqual(expect.arrayContaining([admin.id, delegated.id]));
    expect(offered).not.toContain(viewer.id);
    expect(offered).not.toContain(outsider.id);
    expect(choices.roles.map((role) => role.name)).toEqual(["Admin", "Developer", "Editor", "Launcher", "Viewer"]);
    expect(choices.namespaces).toEqual(["company", "company.team"]);
  });
});

describe("a group's members, paged (real PostgreSQL)", () => {
  const size = GROUP_MEMBERS_PAGE_SIZE;
  let groupId: string;
  let emails: string[];

  beforeAll(async () => {
    groupId = (await createGroup(admin, { name: `Paged ${suffix}`, description: "" })).id;
    const count = 2 * size + 3;
    await db().user.createMany({
      data: Array.from({ length: count }, (_, index) => ({
        email: `paged-${String(index).padStart(3, "0")}-${suffix}@groups.test`,
        firstName: index === 7 ? "Grace" : "Paged",
        lastName: "Member",
      })),
    });
    const users = await db().user.findMany({ where: { email: { startsWith: "paged-", endsWith: `-${suffix}@groups.test` } }, orderBy: { email: "asc" } });
    await db().tenantAccess.createMany({ data: users.map((user) => ({ tenantId: TENANT, userId: user.id })) });
    await db().groupMembership.createMany({ data: users.map((user) => ({ groupId, userId: user.id })) });
    emails = users.map((user) => user.email);
  });

  it("walks every member by email, forwards and back, each exactly once", async () => {
    const first = await listGroupMembers(admin, groupId, {});
    expect(first.members.map((member) => member.email)).toEqual(emails.slice(0, size));
    expect(first.previousCursor).toBeUndefined();
    const second = await listGroupMembers(admin, groupId, { after: first.nextCursor });
    const third = await listGroupMembers(admin, groupId, { after: second.nextCursor });
    expect([...second.members, ...third.members].map((member) => member.email)).toEqual(emails.slice(size));
    expect(third.nextCursor).toBeUndefined();
    const back = await listGroupMembers(admin, groupId, { before: third.previousCursor });
    expect(back.members.map((member) => member.email)).toEqual(emails.slice(size, 2 * size));
    const start = await listGroupMembers(admin, groupId, { before: back.previousCursor });
    expect(start.members.map((member) => member.email)).toEqual(emails.slice(0, size));
    expect(start.previousCursor).toBeUndefined();
  });

  it("searches members by every term, and a tampered cursor starts from the first page", async () => {
    expect((await listGroupMembers(admin, groupId, { q: `grace ${suffix}` })).members.map((member) => member.email)).toEqual([emails[7]]);
    expect((await listGroupMembers(admin, groupId, { q: "paged_007" })).members).toEqual([]);
    expect((await listGroupMembers(admin, groupId, { q: `grace\u0000${suffix}` })).members.map((member) => member.email)).toEqual([emails[7]]);
    const withNul = Buffer.from(JSON.stringify([`${emails[3]}\u0000`])).toString("base64url");
    for (const cursor of ["not-a-cursor", Buffer.from("[1,2]").toString("base64url"), "x".repeat(3000), withNul]) {
      const page = await listGroupMembers(admin, groupId, { after: cursor });
      expect(page.members.map((member) => member.email)).toEqual(emails.slice(0, size));
      expect((await listGroupMembers(admin, groupId, { before: cursor })).members.map((member) => member.email)).toEqual(emails.slice(0, size));
    }
  });

  it("shows nothing of another tenant's group, and nothing to whoever may not read groups", async () => {
    const outsider = await actorFor((await createUser("no-groups", TENANT)).id, TENANT);
    expect((await listGroupMembers(admin, otherTenantGroupId, {})).members).toEqual([]);
    await expect(listGroupMembers(outsider, groupId, {})).rejects.toBeInstanceOf(Forbidden);
  });
});

describe("the Groups tab, paged and searched (real PostgreSQL)", () => {
  const size = GROUPS_PAGE_SIZE;
  const names: string[] = [];

  beforeAll(async () => {
    for (let index = 0; index < 2 * size + 3; index++) names.push(`Listed ${suffix} ${String(index).padStart(3, "0")}`);
    await db().group.createMany({ data: names.map((name) => ({ tenantId: TENANT, name })) });
  });

  const namesOf = (page: { groups: { name: string }[] }) => page.groups.map((group) => group.name);

  it("walks every group by name, forwards and back, each exactly once, with its member count and roles", async () => {
    const q = `listed ${suffix}`;
    const first = await listGroups(admin, { q });
    expect(namesOf(first)).toEqual(names.slice(0, size));
    expect(first.previousCursor).toBeUndefined();
    const second = await listGroups(admin, { q, after: first.nextCursor });
    const third = await listGroups(admin, { q, after: second.nextCursor });
    expect([...namesOf(second), ...namesOf(third)]).toEqual(names.slice(size));
    expect(third.nextCursor).toBeUndefined();
    const back = await listGroups(admin, { q, before: third.previousCursor });
    expect(namesOf(back)).toEqual(names.slice(size, 2 * size));
    expect(namesOf(await listGroups(admin, { q, before: back.previousCursor }))).toEqual(names.slice(0, size));
    expect(first.groups[0]).toMatchObject({ memberCount: 0, bindings: [] });
  });

  it("searches names by every term, case-insensitively, with LIKE wildcards literal, and a tampered cursor starts over", async () => {
    expect(namesOf(await listGroups(admin, { q: `LISTED 007 ${suffix.toUpperCase()}` }))).toEqual([names[7]]);
    expect((await listGroups(admin, { q: `listed_${suffix}` })).groups).toEqual([]);
    expect((await listGroups(admin, { q: `listed % ${suffix}` })).groups).toEqual([]);
    const q = `listed ${suffix}`;
    for (const cursor of ["not-a-cursor", Buffer.from("[1]").toString("base64url"), Buffer.from(JSON.stringify(["x\u0000"])).toString("base64url")]) {
      expect(namesOf(await listGroups(admin, { q, after: cursor })), cursor).toEqual(names.slice(0, size));
      expect(namesOf(await listGroups(admin, { q, before: cursor })), cursor).toEqual(names.slice(0, size));
    }
  });
});

describe("the Add member picker's search (real PostgreSQL)", () => {
  it("finds tenant users outside the group by every term, in email order, and no one else", async () => {
    const { id } = await createGroup(admin, { name: `Search ${suffix}`, description: "" });
    const [ada, adam, member] = await Promise.all(["picker-ada", "picker-adam", "picker-member"].map((label) => createUser(label, TENANT)));
    await db().user.update({ where: { id: adam.id }, data: { firstName: "Adam", lastName: "Nakamura" } });
    await addMember(admin, id, member.id);
    const outsider = await createUser("picker-outsider", OTHER_TENANT);

    const ids = async (query: string) => (await searchMemberCandidates(admin, id, query)).users.map((user) => user.id);
    expect(await ids(`picker ${suffix}`)).toEqual([ada.id, adam.id]);
    expect(await ids("nakamura picker-adam")).toEqual([adam.id]);
    expect(await ids(`PICKER-ADA-${suffix.toUpperCase()}`)).toEqual([ada.id]);
    expect(await ids(`picker-member-${suffix}`)).toEqual([]);
    expect(await ids(`picker-outsider-${suffix}`)).toEqual([]);
    expect(outsider.id).toBeTruthy();
    // LIKE wildcards are literal: "%" and "_" match only themselves, which no address here contains.
    expect(await ids("%")).toEqual([]);
    expect(await ids("picker_ada")).toEqual([]);
    // PostgreSQL rejects NUL in text: a control character separates terms like a space (the hostile suite found this).
    expect(await ids(`picker-ada-\u0000${suffix}`)).toEqual([ada.id]);
    const parsed = memberSearchSchema.parse({ groupId: id, q: `picker-ada-\u0000${suffix}\u0007` });
    expect(await ids(parsed.q)).toEqual([ada.id]);
    const { users } = await searchMemberCandidates(admin, id, `picker-ada-${suffix}`);
    expect(users).toEqual([{ id: ada.id, label: `picker-ada Test (${ada.email})` }]);
  });

  it(`lists at most ${MEMBER_CANDIDATES_LIMIT} and says when more match`, async () => {
    const { id } = await createGroup(admin, { name: `Many ${suffix}`, description: "" });
    const count = MEMBER_CANDIDATES_LIMIT + 2;
    await db().user.createMany({
      data: Array.from({ length: count }, (_, index) => ({ email: `many-${String(index).padStart(3, "0")}-${suffix}@groups.test`, firstName: "Many", lastName: "Test" })),
    });
    const created = await db().user.findMany({ where: { email: { startsWith: "many-", endsWith: `-${suffix}@groups.test` } }, select: { id: true } });
    await db().tenantAccess.createMany({ data: created.map((user) => ({ tenantId: TENANT, userId: user.id })) });

    const many = await searchMemberCandidates(admin, id, `many- ${suffix}`);
    expect(many.users).toHaveLength(MEMBER_CANDIDATES_LIMIT);
    expect(many.hasMore).toBe(true);
    expect(many.users[0].label).toContain(`many-000-${suffix}`);
    const one = await searchMemberCandidates(admin, id, `many-051-${suffix}`);
    expect(one).toMatchObject({ users: [{ label: expect.stringContaining("many-051") }], hasMore: false });
  });

  it("is only for whoever may add members, and only for this tenant's groups", async () => {
    const { id } = await createGroup(admin, { name: `Guarded ${suffix}`, description: "" });
    await expect(searchMemberCandidates(viewer, id, "test")).rejects.toBeInstanceOf(Forbidden);
    await expect(searchMemberCandidates(delegated, id, "test")).rejects.toBeInstanceOf(Forbidden);
    await expect(searchMemberCandidates(admin, otherTenantGroupId, "test")).rejects.toBeInstanceOf(NotFound);
    await expect(searchMemberCandidates(admin, randomUUID(), "test")).rejects.toBeInstanceOf(NotFound);
  });
});

describe("group form schema", () => {
  it.each([
    ["empty", "", "Enter a name"],
    ["blank", "   ", "Enter a name"],
    ["10k characters", "x".repeat(10_000), "A group name has at most 100 characters"],
    ["101 characters", "x".repeat(101), "A group name has at most 100 characters"],
    ["a NUL byte", "ops\u0000admin", "Use letters"],
    ["a line break", "ops\nadmin", "Use letters"],
    ["an escape sequence", "ops\u001b[31m", "Use letters"],
    ["a right-to-left override", "ops\u202enimda", "Use letters"],
    ["a zero-width space", "Ad\u200bmins", "Use letters"],
    ["HTML", "<img src=x onerror=alert(1)>", "Use letters"],
    ["a script tag", "Team<script>alert(1)</script>", "Use letters"],
  ])("refuses a name with %s", (_, name, message) => {
    const result = groupFormSchema.safeParse({ name, description: "" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual(["name"]);
    expect(result.error?.issues[0].message).toContain(message);
  });

  it("refuses oversized descriptions and control characters in them", () => {
    expect(groupFormSchema.safeParse({ name: "Ops", description: "d".repeat(501) }).error?.issues[0].message).toBe(
      "A description has at most 500 characters",
    );
    expect(groupFormSchema.safeParse({ name: "Ops", description: "bell\u0007" }).success).toBe(false);
    expect(groupFormSchema.safeParse({ name: "Ops", description: "x".repeat(10_000) }).success).toBe(false);
  });

  it("accepts ordinary names and multi-line descriptions, trimmed", () => {
    for (const name of ["Data team 42", "Équipe R&D", "ops/on-call (EU)", "x".repeat(100), "数据团队"]) {
      expect(groupFormSchema.safeParse({ name, description: "" }).success).toBe(true);
    }
    expect(groupFormSchema.parse({ name: "  Ops  ", description: " first line\r\nsecond\tline " })).toEqual({
      name: "Ops",
      description: "first line\nsecond\tline",
    });
    expect(groupFormSchema.parse({ name: "Ops" })).toEqual({ name: "Ops", description: "" });
  });
});

describe("look-alike group names (real PostgreSQL)", () => {
  const lookAlike = (existing: string) => new Conflict(`A group named "${existing}" already exists (the names look alike).`);

  it("refuses a name written in Cyrillic letters that look like an existing Latin one", async () => {
    await createGroup(admin, { name: "Space Ops", description: "" });
    await expect(createGroup(admin, { name: "Ѕрасе Орѕ", description: "" })).rejects.toThrow(lookAlike("Space Ops"));
    expect(await db().group.count({ where: { tenantId: TENANT, name: "Ѕрасе Орѕ" } })).toBe(0);
  });

  it("refuses a full-width look-alike, and one with a capital I for an l", async () => {
    await createGroup(admin, { name: "Main Admins", description: "" });
    await expect(createGroup(admin, { name: "Ｍain Admins", description: "" })).rejects.toThrow(lookAlike("Main Admins"));
    await createGroup(admin, { name: "All Users", description: "" });
    await expect(createGroup(admin, { name: "AII Users", description: "" })).rejects.toThrow(lookAlike("All Users"));
  });

  it("stores names in NFC, so NFC and NFD spellings of one name are one name", async () => {
    const { id } = await createGroup(admin, { name: "Cafe\u0301 crew", description: "" });
    expect((await db().group.findUniqueOrThrow({ where: { id } })).name).toBe("Caf\u00e9 crew");
    await expect(createGroup(admin, { name: "Caf\u00e9 crew", description: "" })).rejects.toThrow(new Conflict('A group named "Café crew" already exists.'));
    await expect(createGroup(admin, { name: "Cafe\u0301 crew", description: "" })).rejects.toBeInstanceOf(Conflict);
  });

  it("refuses a name that mixes alphabets with a field error", async () => {
    const refusal = await createGroup(admin, { name: "Main Аdmins", description: "" }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(Invalid);
    expect((refusal as Invalid).fieldErrors).toEqual({ name: ['Use one alphabet in a name: "Main Аdmins" mixes Latin and Cyrillic'] });
  });

  it("accepts names in one alphabet other than Latin", async () => {
    for (const name of ["Администраторы", "管理者グループ", "관리자 팀", "Ομάδα"]) {
      const { id } = await createGroup(admin, { name, description: "" });
      expect((await db().group.findUniqueOrThrow({ where: { id } })).name).toBe(name);
    }
  });

  it("refuses a rename into a look-alike, but not into its own name in another case", async () => {
    await createGroup(admin, { name: "Billing", description: "" });
    const { id } = await createGroup(admin, { name: "Invoices", description: "" });
    await expect(updateGroup(admin, id, { name: "Ｂilling", description: "" })).rejects.toThrow(lookAlike("Billing"));
    await expect(updateGroup(admin, id, { name: "BILLING", description: "" })).rejects.toThrow(new Conflict('A group named "Billing" already exists.'));
    await updateGroup(admin, id, { name: "INVOICES", description: "" });
    expect(await db().group.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: "INVOICES", ...nameKeys("INVOICES") });
  });

  it("has the database refuse a look-alike that skips the checks", async () => {
    await createGroup(admin, { name: "Night shift", description: "" });
    for (const name of ["Night ѕhift", "ＮＩＧＨＴ SHIFT"]) {
      await expect(db().group.create({ data: { tenantId: TENANT, name, ...nameKeys(name) } }), name).rejects.toMatchObject({ code: "P2002" });
    }
  });

  it("lets the unique index decide between look-alikes created at the same moment, naming the winner", async () => {
    await withOtherTransaction(async (other) => {
      const { nameKey, nameSkeleton } = nameKeys("Early birds");
      await other.query(`INSERT INTO groups (id, tenant_id, name, name_key, name_skeleton) VALUES (gen_random_uuid(), $1, 'Early birds', $2, $3)`, [
        TENANT,
        nameKey,
        nameSkeleton,
      ]);
      // Its check cannot see the uncommitted row; its insert then waits on the index for the other transaction.
      const creating = createGroup(admin, { name: "Ｅarly birds", description: "" }).catch((error: unknown) => error);
      expect(await aQueryWaitsOn("groups")).toBe(true);
      await other.query("COMMIT");
      expect(await creating).toEqual(lookAlike("Early birds"));
    });
    expect(await db().group.count({ where: { tenantId: TENANT, name: { in: ["Early birds", "Ｅarly birds"] } } })).toBe(1);
  });

  it("lets exactly one of several concurrent look-alike creates win; the others are told which", async () => {
    const names = ["Racing team", "Ｒacing team", "RACING TEAM", "Ｒａｃｉｎｇ ｔｅａｍ"];
    const results = await Promise.allSettled(names.map((name) => createGroup(admin, { name, description: "" })));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const [winner] = await db().group.findMany({ where: { tenantId: TENANT, name: { in: names } } });
    for (const result of results.filter((result): result is PromiseRejectedResult => result.status === "rejected")) {
      expect(result.reason).toBeInstanceOf(Conflict);
      expect(result.reason.message).toMatch(new RegExp(`^A group named "${winner.name}" already exists( \\(the names look alike\\))?\\.$`));
    }
  });
});
