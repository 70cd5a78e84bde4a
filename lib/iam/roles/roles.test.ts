import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { Conflict, Forbidden, Invalid, NotFound } from "@/lib/iam/errors";
import { loadPrincipal } from "@/lib/iam/authz/grants";
import { nameKeys } from "@/lib/iam/names/look-alikes";
import { MANAGED_ROLES, type PermissionSet } from "@/lib/iam/authz/permissions";
import { readScope, type ReadScope } from "@/lib/iam/authz/read-scope";
import type { RoleInput } from "./role-schemas";
import { createTenant } from "@/test/fixtures";
import { aQueryWaitsOn, withOtherTransaction } from "@/test/races";
import { createRole, deleteRole, RoleInUse, updateRole } from "./role-writes";
import { getRole, grantablePermissions, listRoles, ROLE_USAGE_COUNT_CAP, ROLE_USAGE_SHOWN, roleUsage } from "./role-reads";

const suffix = randomUUID().slice(0, 8);
const tenantId = `roles-${suffix}`;
const otherTenantId = `roles-other-${suffix}`;
const email = (name: string) => `${name}-${suffix}@roles.test`;
const TENANT_WIDE_READ: ReadScope = { tenantWide: true };

let superadmin: TenantActor;
let roleManager: TenantActor; // ROLE CRUD + AUDITLOG READ tenant-wide
let namespaceAdmin: TenantActor; // Admin on "company" only
let viewer: TenantActor; // ROLE READ only
let managedAdminId: string;
let otherTenantRoleId: string;

async function makeUser(name: string, superAdmin = false) {
  return db().user.create({ data: { email: email(name), firstName: name, superAdmin, accesses: { create: { tenantId } } } });
}

async function actorFor(user: { id: string; email: string; superAdmin: boolean }): Promise<TenantActor> {
  const principal = await loadPrincipal(db(), user.id, tenantId);
  return { id: user.id, email: user.email, name: user.email, isSuperAdmin: user.superAdmin, tenantId, principal: principal! };
}

async function bind(userId: string, permissions: PermissionSet, name: string, namespace: string | null = null) {
  const role = await db().role.create({ data: { tenantId, name, permissions } });
  await db().binding.create({ data: { tenantId, type: "USER", userId, roleId: role.id, namespace } });
  return role;
}

const input = (overrides: Partial<Record<keyof RoleInput, unknown>> = {}) =>
  ({ name: `Auditor ${randomUUID().slice(0, 6)}`, description: "Reads the audit log", permissions: { AUDITLOG: ["READ"] }, ...overrides }) as RoleInput;

beforeAll(async () => {
  await db().tenant.createMany({ data: [{ id: tenantId, name: "Roles" }, { id: otherTenantId, name: "Roles other" }] });
  const admin = MANAGED_ROLES.find((role) => role.name === "Admin")!;
  managedAdminId = (await db().role.create({ data: { tenantId, name: admin.name, ...nameKeys(admin.name), permissions: admin.permissions, isManaged: true } })).id;
  otherTenantRoleId = (await db().role.create({ data: { tenantId: otherTenantId, name: "Foreign", permissions: { FLOW: ["READ"] } } })).id;

  const root = await makeUser("root", true);
  const manager = await makeUser("manager");
  await bind(manager.id, { ROLE: ["CREATE", "READ", "UPDATE", "DELETE"], AUDITLOG: ["READ"] }, "Role manager");
  const delegated = await makeUser("delegated");
  await db().binding.create({ data: { tenantId, type: "USER", userId: delegated.id, roleId: managedAdminId, namespace: "company" } });
  const reader = await makeUser("reader");
  await bind(reader.id, { ROLE: ["READ"] }, "Role reader");

  [superadmin, roleManager, namespaceAdmin, viewer] = await Promise.all([root, manager, delegated, reader].map(actorFor));
});

afterAll(async () => {
  // Bindings and invitation roles restrict deleting their role, which the tenant's cascade would otherwise hit.
  await db().binding.deleteMany({ where: { tenantId: { in: [tenantId, otherTenantId] } } });
  await db().invitation.deleteMany({ where: { tenantId: { in: [tenantId, otherTenantId] } } });
  await db().tenant.deleteMany({ where: { id: { in: [tenantId, otherTenantId] } } });
  await db().user.deleteMany({ where: { email: { endsWith: `-${suffix}@roles.test` } } });
});

async function auditOf(resourceId: string) {
  return db().auditLog.findMany({ where: { tenantId, resourceType: "ROLE", resourceId }, orderBy: { id: "asc" } });
}

describe("createRole", () => {
  it("stores permissions normalised (known order, no duplicates, no empty arrays) and audits the creation", async () => {
    const name = `  Auditor ${suffix}  `;
    const { id } = await createRole(
      superadmin,
      input({ name, permissions: { USER: ["READ", "READ"], AUDITLOG: ["DELETE", "READ"], FLOW: [] } }),
    );
    const stored = await db().role.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ name: `Auditor ${suffix}`, isManaged: false, tenantId });
    expect(stored.permissions).toEqual({ AUDITLOG: ["READ", "DELETE"], USER: ["READ"] });
    const [entry] = await auditOf(id);
    expect(entry).toMatchObject({ action: "CREATE", actorEmail: superadmin.email, before: null });
    expect(entry.after).toEqual({ name: `Auditor ${suffix}`, description: "Reads the audit log", permissions: { AUDITLOG: ["READ", "DELETE"], USER: ["READ"] } });
  });

  it("refuses a name taken in the tenant, whatever its case, and managed role names", async () => {
    const name = `Unique ${suffix}`;
    await createRole(superadmin, input({ name }));
    await expect(createRole(superadmin, input({ name: name.toUpperCase() }))).rejects.toThrow(new Conflict(`A role named "${name}" already exists. Choose another name.`));
    await expect(createRole(superadmin, input({ name: "admin" }))).rejects.toThrow(/"Admin" is the name of a managed role/);
    await expect(createRole(superadmin, input({ name: "Viewer" }))).rejects.toThrow(/managed role/);
    expect(await db().role.count({ where: { tenantId, name: { equals: name, mode: "insensitive" } } })).toBe(1);
  });

  it("lets the same name exist in another tenant", async () => {
    await expect(createRole(superadmin, input({ name: "Foreign" }))).resolves.toHaveProperty("id");
  });

  it("refuses unknown permissions and actions, prototype keys and malformed shapes, writing nothing", async () => {
    const hostile: unknown[] = [
      { ROOT: ["READ"] },
      { FLOW: ["EXECUTE"] },
      { flow: ["READ"] },
      JSON.parse('{"__proto__": ["READ"], "FLOW": ["READ"]}'),
      { constructor: ["READ"] },
      { FLOW: "READ" },
      { FLOW: null },
      { FLOW: Array(1000).fill("READ") },
      ["FLOW"],
      "FLOW:READ",
      null,
      {},
      { FLOW: [] },
    ];
    const before = await db().role.count({ where: { tenantId } });
    for (const permissions of hostile) {
      await expect(createRole(superadmin, input({ permissions })), JSON.stringify(permissions)).rejects.toBeInstanceOf(Invalid);
    }
    expect(await db().role.count({ where: { tenantId } })).toBe(before);
  });

  it("refuses oversized and invisible-character names and oversized descriptions", async () => {
    for (const name of ["", "   ", "x".repeat(101), "Admin\u200b", "Bad\nname", "Right\u202eto-left", "a\u0000b"]) {
      await expect(createRole(superadmin, input({ name })), JSON.stringify(name)).rejects.toBeInstanceOf(Invalid);
    }
    await expect(createRole(superadmin, input({ description: "d".repeat(501) }))).rejects.toBeInstanceOf(Invalid);
    await expect(createRole(superadmin, input({ name: 42 }))).rejects.toBeInstanceOf(Invalid);
    await expect(createRole(superadmin, input({ name: "x".repeat(100) }))).resolves.toHaveProperty("id");
    await expect(createRole(superadmin, input({ name: "<script>alert(1)</script>" }))).resolves.toHaveProperty("id");
  });

  it("lets a role manager put in only permissions they hold tenant-wide (no escalation)", async () => {
    await expect(createRole(roleManager, input({ permissions: { AUDITLOG: ["READ"], USER: ["READ", "DELETE"] } }))).rejects.toThrow(
      new Forbidden("You can only put permissions you hold tenant-wide into a role. You don't hold: USER READ, USER DELETE."),
    );
    const { id } = await createRole(roleManager, input({ permissions: { AUDITLOG: ["READ"], ROLE: ["READ"] } }));
    expect(await getRole(superadmin, id)).toMatchObject({ permissions: { ROLE: ["READ"], AUDITLOG: ["READ"] } });
    expect(grantablePermissions(roleManager)).toEqual({ ROLE: ["CREATE", "READ", "UPDATE", "DELETE"], AUDITLOG: ["READ"] });
  });

  it("needs ROLE:CREATE tenant-wide: Admin on a namespace or ROLE:READ is not enough", async () => {
    await expect(createRole(namespaceAdmin, input())).rejects.toThrow(new Forbidden("You need the ROLE:CREATE permission to do this."));
    await expect(createRole(viewer, input())).rejects.toBeInstanceOf(Forbidden);
  });
});

describe("updateRole", () => {
  it("renames and changes permissions, auditing before and after", async () => {
    const { id } = await createRole(superadmin, input({ name: `Editable ${suffix}`, permissions: { FLOW: ["READ"] } }));
    await updateRole(superadmin, id, input({ name: `Edited ${suffix}`, description: "", permissions: { FLOW: ["UPDATE", "READ"] } }));
    expect(await getRole(superadmin, id)).toMatchObject({ name: `Edited ${suffix}`, description: "", permissions: { FLOW: ["READ", "UPDATE"] } });
    const [, update] = await auditOf(id);
    expect(update).toMatchObject({ action: "UPDATE", details: `Updated role Editable ${suffix} (renamed to Edited ${suffix})` });
    expect(update.before).toEqual({ name: `Editable ${suffix}`, description: "Reads the audit log", permissions: { FLOW: ["READ"] } });
    expect(update.after).toEqual({ name: `Edited ${suffix}`, description: "", permissions: { FLOW: ["READ", "UPDATE"] } });
  });

  it("allows changing only the case of its own name, but not taking another role's or a managed name", async () => {
    const { id } = await createRole(superadmin, input({ name: `casey ${suffix}` }));
    await updateRole(superadmin, id, input({ name: `Casey ${suffix}` }));
    await createRole(superadmin, input({ name: `Taken ${suffix}` }));
    await expect(updateRole(superadmin, id, input({ name: `taken ${suffix}` }))).rejects.toBeInstanceOf(Conflict);
    await expect(updateRole(superadmin, id, input({ name: "Developer" }))).rejects.toThrow(/managed role/);
    expect((await getRole(superadmin, id))?.name).toBe(`Casey ${suffix}`);
  });

  it("keeps managed roles read-only and other tenants' roles out of reach", async () => {
    await expect(updateRole(superadmin, managedAdminId, input({ name: "Admin" }))).rejects.toThrow(/Admin is a managed role: it is read-only/);
    await expect(updateRole(superadmin, otherTenantRoleId, input())).rejects.toBeInstanceOf(NotFound);
    await expect(updateRole(superadmin, randomUUID(), input())).rejects.toBeInstanceOf(NotFound);
  });

  it("refuses a role manager adding, or removing, permissions they don't hold", async () => {
    const { id: mine } = await createRole(roleManager, input({ permissions: { AUDITLOG: ["READ"] } }));
    await expect(updateRole(roleManager, mine, input({ permissions: { AUDITLOG: ["READ"], SECRET: ["READ"] } }))).rejects.toThrow(/You don't hold: SECRET READ/);
    const { id: powerful } = await createRole(superadmin, input({ permissions: { AUDITLOG: ["READ"], USER: ["DELETE"] } }));
    await expect(updateRole(roleManager, powerful, input({ permissions: { AUDITLOG: ["READ"] } }))).rejects.toThrow(
      /only change .* if you hold all of its permissions tenant-wide yourself\. You don't hold: USER DELETE/,
    );
    expect((await getRole(superadmin, powerful))?.permissions).toEqual({ AUDITLOG: ["READ"], USER: ["DELETE"] });
    await expect(updateRole(viewer, mine, input())).rejects.toThrow(new Forbidden("You need the ROLE:UPDATE permission to do this."));
  });
});

describe("deleteRole", () => {
  it("deletes an unused custom role and audits it", async () => {
    const { id } = await createRole(superadmin, input({ name: `Doomed ${suffix}` }));
    await deleteRole(roleManager, id);
    expect(await getRole(superadmin, id)).toBeNull();
    const entries = await auditOf(id);
    expect(entries.at(-1)).toMatchObject({ action: "DELETE", actorEmail: roleManager.email, details: `Deleted role Doomed ${suffix}`, after: null });
    expect(entries.at(-1)?.before).toMatchObject({ name: `Doomed ${suffix}` });
  });

  it("refuses while bindings or open invitations use the role, listing users, groups with namespaces and invitations", async () => {
    const { id } = await createRole(superadmin, input({ name: `Busy ${suffix}` }));
    const user = await makeUser("bound");
    const group = await db().group.create({ data: { tenantId, name: `Ops ${suffix}` } });
    await db().binding.createMany({
      data: [
        { tenantId, type: "USER", userId: user.id, roleId: id },
        { tenantId, type: "GROUP", groupId: group.id, roleId: id, namespace: "company.team" },
      ],
    });
    const week = 7 * 24 * 3600 * 1000;
    const invite = (address: string, extra: object = {}) =>
      db().invitation.create({
        data: {
          tenantId,
          email: address,
          tokenHash: randomUUID(),
          expiresAt: new Date(Date.now() + week),
          roles: { create: { roleId: id, namespaces: [] } },
          ...extra,
        },
      });
    await invite(email("pending"));
    await invite(email("expired"), { expiresAt: new Date(Date.now() - 1000) });
    await invite(email("accepted"), { acceptedAt: new Date() });
    await invite(email("revoked"), { revokedAt: new Date() });

    const refusal = await deleteRole(superadmin, id).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(RoleInUse);
    expect(refusal).toBeInstanceOf(Conflict);
    const { usage, message } = refusal as RoleInUse;
    expect(usage.bindings).toEqual([
      { id: expect.any(String), subject: "USER", label: user.email, namespace: null },
      { id: expect.any(String), subject: "GROUP", label: `Ops ${suffix}`, namespace: "company.team" },
    ]);
    expect(usage.invitations).toEqual([
      { id: expect.any(String), email: email("expired"), status: "EXPIRED" },
      { id: expect.any(String), email: email("pending"), status: "PENDING" },
    ]);
    expect(usage).toMatchObject({ bindingCount: 2, invitationCount: 2 });
    expect(message).toBe(
      `Busy ${suffix} is still in use, so it can't be deleted. Remove it from: user ${user.email} (tenant-wide); ` +
        `group Ops ${suffix} (on company.team); expired invitation for ${email("expired")}; pending invitation for ${email("pending")}.`,
    );
    expect(await getRole(superadmin, id)).not.toBeNull();

    // Once only closed (accepted, revoked) invitations refer to it, it can go.
    await db().binding.deleteMany({ where: { roleId: id } });
    await db().invitation.updateMany({ where: { email: { in: [email("pending"), email("expired")] } }, data: { revokedAt: new Date() } });
    await deleteRole(superadmin, id);
    expect(await getRole(superadmin, id)).toBeNull();
    expect((await auditOf(id)).at(-1)?.details).toBe(`Deleted role Busy ${suffix} (removed from 4 closed invitation(s))`);
  });

  it("refuses managed roles, other tenants' roles and actors without ROLE:DELETE tenant-wide", async () => {
    await expect(deleteRole(superadmin, managedAdminId)).rejects.toThrow(/managed role: it is read-only and can't be deleted/);
    await expect(deleteRole(superadmin, otherTenantRoleId)).rejects.toBeInstanceOf(NotFound);
    const { id } = await createRole(superadmin, input());
    await expect(deleteRole(viewer, id)).rejects.toBeInstanceOf(Forbidden);
    await expect(deleteRole(namespaceAdmin, id)).rejects.toBeInstanceOf(Forbidden);
    expect(await getRole(superadmin, id)).not.toBeNull();
  });
});

describe("a role used thousands of times", () => {
  it(`lists the first ${ROLE_USAGE_SHOWN} of its bindings and open invitations with the counts, and refuses deletion naming how many more`, async () => {
    const { id } = await createRole(superadmin, input({ name: `Popular ${suffix}` }));
    const count = ROLE_USAGE_SHOWN + 3;
    await db().user.createMany({ data: Array.from({ length: count }, (_, index) => ({ email: email(`popular-${String(index).padStart(3, "0")}`) })) });
    const users = await db().user.findMany({ where: { email: { startsWith: "popular-", endsWith: `-${suffix}@roles.test` } }, select: { id: true } });
    await db().binding.createMany({ data: users.map((user) => ({ tenantId, type: "USER" as const, userId: user.id, roleId: id })) });
    for (let index = 0; index < count; index++) {
      await db().invitation.create({
        data: {
          tenantId,
          email: email(`offered-${String(index).padStart(3, "0")}`),
          tokenHash: randomUUID(),
          expiresAt: new Date(Date.now() + 86_400_000),
          roles: { create: { roleId: id, namespaces: [] } },
        },
      });
    }

    const usage = await roleUsage(db(), id, TENANT_WIDE_READ);
    expect(usage).toMatchObject({ bindingCount: count, invitationCount: count });
    expect(usage.bindings).toHaveLength(ROLE_USAGE_SHOWN);
    expect(usage.invitations.map((invitation) => invitation.email)).toEqual(
      Array.from({ length: ROLE_USAGE_SHOWN }, (_, index) => email(`offered-${String(index).padStart(3, "0")}`)),
    );
    const refusal = await deleteRole(superadmin, id).then(() => null, (error: unknown) => error);
    expect(refusal).toBeInstanceOf(RoleInUse);
    expect((refusal as RoleInUse).message).toMatch(new RegExp(`; and ${2 * count - 10} more\\.$`));
    expect(await getRole(superadmin, id)).not.toBeNull();
  });
});

describe("a role used more often than is worth counting", () => {
  it(`counts no further than ${ROLE_USAGE_COUNT_CAP.toLocaleString("en")} and says "more than" past it`, async () => {
    const { id } = await createRole(superadmin, input({ name: `Everywhere ${suffix}` }));
    await db().$executeRaw`
      WITH created AS (
        INSERT INTO users (id, email, updated_at)
        SELECT gen_random_uuid(), 'everywhere-' || n || '-' || ${suffix} || '@roles.test', now() FROM generate_series(1, ${ROLE_USAGE_COUNT_CAP + 5}) AS n
        RETURNING id)
      INSERT INTO bindings (id, tenant_id, type, user_id, role_id) SELECT gen_random_uuid(), ${tenantId}, 'USER', id, ${id}::uuid FROM created`;
    const usage = await roleUsage(db(), id, TENANT_WIDE_READ);
    expect(usage).toMatchObject({ bindingCount: ROLE_USAGE_COUNT_CAP + 1, invitationCount: 0 });
    expect(usage.bindings).toHaveLength(ROLE_USAGE_SHOWN);
    const refusal = await deleteRole(superadmin, id).then(() => null, (error: unknown) => error);
    expect((refusal as RoleInUse).message).toMatch(/; and more than 10,000 more\.$/);
  });
});

describe("listRoles and roleUsage", () => {
  it("lists managed roles first, then custom ones by name, with how many bindings use each", async () => {
    const roles = await listRoles(superadmin);
    expect(roles[0]).toMatchObject({ name: "Admin", isManaged: true, bindingCount: 1 });
    const custom = roles.filter((role) => !role.isManaged).map((role) => role.name);
    expect(custom).toEqual([...custom].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(roles.find((role) => role.name === "Role manager")).toMatchObject({ bindingCount: 1, isManaged: false });
    expect(roles.some((role) => role.name === "Foreign" && role.id === otherTenantRoleId)).toBe(false);
    expect(await roleUsage(db(), managedAdminId, TENANT_WIDE_READ)).toMatchObject({ bindings: [{ label: namespaceAdmin.email, namespace: "company" }], invitations: [] });
  });

  it("lists only the open invitations the reader may read, as the Invitations tab does, and counts them all", async () => {
    const { id } = await createRole(superadmin, input({ name: `Offered ${suffix}` }));
    for (const [name, namespaces] of [["on-team", ["company.team"]], ["on-other", ["other"]], ["tenant-wide", []]] as const) {
      await db().invitation.create({
        data: {
          tenantId,
          email: email(`offered-${name}`),
          tokenHash: randomUUID(),
          expiresAt: new Date(Date.now() + 86_400_000),
          namespaces: [...namespaces],
          roles: { create: { roleId: id, namespaces: [...namespaces] } },
        },
      });
    }
    const emails = async (reader: TenantActor) =>
      (await roleUsage(db(), id, readScope(reader.principal, "INVITATION", tenantId))).invitations.map((invitation) => invitation.email);
    expect(await emails(namespaceAdmin)).toEqual([email("offered-on-team")]);
    expect(await emails(superadmin)).toEqual([email("offered-on-other"), email("offered-on-team"), email("offered-tenant-wide")]);
    // ROLE:READ opens the role page, but reading invitations is INVITATION:READ.
    expect(await emails(viewer)).toEqual([]);
    expect(await roleUsage(db(), id, null)).toMatchObject({ invitationCount: 3, invitations: [] });
  });
});

describe("look-alike role names (real PostgreSQL)", () => {
  const lookAlike = (existing: string) => new Conflict(`A role named "${existing}" already exists (the names look alike). Choose another name.`);
  const managed = (existing: string, note = "") => new Conflict(`"${existing}" is the name of a managed role${note}. Choose another name.`);

  it("refuses a name written in Cyrillic letters that look like an existing Latin one", async () => {
    await createRole(superadmin, input({ name: "Space Ops" }));
    await expect(createRole(superadmin, input({ name: "Ѕрасе Орѕ" }))).rejects.toThrow(lookAlike("Space Ops"));
    expect(await db().role.count({ where: { tenantId, name: "Ѕрасе Орѕ" } })).toBe(0);
  });

  it("refuses a full-width look-alike", async () => {
    await createRole(superadmin, input({ name: "Main Admins" }));
    await expect(createRole(superadmin, input({ name: "Ｍain Admins" }))).rejects.toThrow(lookAlike("Main Admins"));
  });

  it("stores names in NFC, so NFC and NFD spellings of one name are one name", async () => {
    const { id } = await createRole(superadmin, input({ name: "Cafe\u0301 auditors" }));
    expect((await db().role.findUniqueOrThrow({ where: { id } })).name).toBe("Caf\u00e9 auditors");
    await expect(createRole(superadmin, input({ name: "Caf\u00e9 auditors" }))).rejects.toThrow(
      new Conflict('A role named "Café auditors" already exists. Choose another name.'),
    );
  });

  it("refuses a name that mixes alphabets with a field error", async () => {
    const refusal = await createRole(superadmin, input({ name: "Main Аdmins" })).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(Invalid);
    expect((refusal as Invalid).fieldErrors).toEqual({ name: ['Use one alphabet in a name: "Main Аdmins" mixes Latin and Cyrillic'] });
  });

  it("refuses names that look like a managed role's", async () => {
    const refusal = await createRole(superadmin, input({ name: "Аdmin" })).catch((error: unknown) => error);
    expect((refusal as Invalid).fieldErrors).toEqual({ name: ['Use one alphabet in a name: "Аdmin" mixes Cyrillic and Latin'] });
    await expect(createRole(superadmin, input({ name: "Ａｄｍｉｎ" }))).rejects.toThrow(managed("Admin", " (the names look alike)"));
    await expect(createRole(superadmin, input({ name: "Adrnin" }))).rejects.toThrow(managed("Admin", " (the names look alike)"));
    await expect(createRole(superadmin, input({ name: "VIEWER" }))).rejects.toThrow(managed("Viewer"));
  });

  it("accepts names in one alphabet other than Latin", async () => {
    for (const name of ["Администраторы", "管理者グループ"]) {
      const { id } = await createRole(superadmin, input({ name }));
      expect((await db().role.findUniqueOrThrow({ where: { id } })).name).toBe(name);
    }
  });

  it("refuses a rename into a look-alike, of a custom or a managed role", async () => {
    await createRole(superadmin, input({ name: "Release managers" }));
    const { id } = await createRole(superadmin, input({ name: "Release readers" }));
    await expect(updateRole(superadmin, id, input({ name: "Ｒelease managers" }))).rejects.toThrow(lookAlike("Release managers"));
    await expect(updateRole(superadmin, id, input({ name: "Ｄeveloper" }))).rejects.toThrow(managed("Developer", " (the names look alike)"));
    await updateRole(superadmin, id, input({ name: "RELEASE READERS" }));
    expect(await db().role.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: "RELEASE READERS", ...nameKeys("RELEASE READERS") });
  });

  describe("in a tenant made like the seed makes one", () => {
    let fixtureTenant: string;
    beforeAll(async () => {
      fixtureTenant = await createTenant([]);
    });
    afterAll(async () => {
      await db().tenant.delete({ where: { id: fixtureTenant } });
    });

    it("has the database refuse a look-alike of a managed role that skips the checks", async () => {
      for (const name of ["Ａｄｍｉｎ", "ADMIN", "Аdmin"]) {
        await expect(db().role.create({ data: { tenantId: fixtureTenant, name, ...nameKeys(name) } }), name).rejects.toMatchObject({ code: "P2002" });
      }
    });
  });

  it("lets the unique index decide between look-alikes created at the same moment, naming the winner", async () => {
    await withOtherTransaction(async (other) => {
      const { nameKey, nameSkeleton } = nameKeys("Early reviewers");
      await other.query(
        `INSERT INTO roles (id, tenant_id, name, name_key, name_skeleton, permissions) VALUES (gen_random_uuid(), $1, 'Early reviewers', $2, $3, '{"FLOW": ["READ"]}')`,
        [tenantId, nameKey, nameSkeleton],
      );
      // Its check cannot see the uncommitted row; its insert then waits on the index for the other transaction.
      const creating = createRole(superadmin, input({ name: "Ｅarly reviewers" })).catch((error: unknown) => error);
      expect(await aQueryWaitsOn("roles")).toBe(true);
      await other.query("COMMIT");
      expect(await creating).toEqual(lookAlike("Early reviewers"));
    });
    expect(await db().role.count({ where: { tenantId, name: { in: ["Early reviewers", "Ｅarly reviewers"] } } })).toBe(1);
  });

  it("lets exactly one of several concurrent look-alike creates win; the others are told which", async () => {
    const names = ["Racing auditors", "Ｒacing auditors", "RACING AUDITORS", "Ｒａｃｉｎｇ ａｕｄｉｔｏｒｓ"];
    const results = await Promise.allSettled(names.map((name) => createRole(superadmin, input({ name }))));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const [winner] = await db().role.findMany({ where: { tenantId, name: { in: names } } });
    for (const result of results.filter((result): result is PromiseRejectedResult => result.status === "rejected")) {
      expect(result.reason).toBeInstanceOf(Conflict);
      expect(result.reason.message).toMatch(new RegExp(`^A role named "${winner.name}" already exists( \\(the names look alike\\))?\\. Choose another name\\.$`));
    }
  });
});
