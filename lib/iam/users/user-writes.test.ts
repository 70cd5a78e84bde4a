import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { actorFor, bind, createMember, createTenant } from "@/test/fixtures";
import { Forbidden, Invalid } from "@/lib/iam/errors";
import { removeFromTenant, setSuperAdmin, setUserDisabled } from "./user-writes";

let tenant: string;
let admin: Awaited<ReturnType<typeof createMember>>;

beforeAll(async () => {
  tenant = await createTenant();
  admin = await createMember(tenant);
  await bind(tenant, admin.id, "Admin");
});

describe("user administration (real PostgreSQL)", () => {
  it("disables and enables with audit entries; never yourself", async () => {
    const user = await createMember(tenant);
    const actor = await actorFor(admin.id, tenant);
    await setUserDisabled(actor, user.id, true);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).disabled).toBe(true);
    await setUserDisabled(actor, user.id, false);
    const entries = await db().auditLog.findMany({ where: { resourceId: user.id }, orderBy: { id: "asc" } });
    expect(entries.map((entry) => entry.after)).toEqual([{ disabled: true }, { disabled: false }]);
    await expect(setUserDisabled(actor, admin.id, true)).rejects.toThrow(Invalid);
  });

  it("a tenant admin cannot disable a superadmin, nor someone who belongs to other tenants too", async () => {
    const superadmin = await createMember(tenant, { superAdmin: true });
    const actor = await actorFor(admin.id, tenant);
    await expect(setUserDisabled(actor, superadmin.id, true)).rejects.toThrow(Forbidden);
    const shared = await createMember(tenant);
    await db().tenantAccess.create({ data: { tenantId: await createTenant(), userId: shared.id } });
    await expect(setUserDisabled(actor, shared.id, true)).rejects.toThrow(/other tenants/);
    await setUserDisabled(await actorFor(superadmin.id, tenant), shared.id, true);
  });

  it("only a superadmin grants superadmin", async () => {
    const user = await createMember(tenant);
    await expect(setSuperAdmin(await actorFor(admin.id, tenant), user.id, true)).rejects.toThrow(Forbidden);
    const superadmin = await createMember(tenant, { superAdmin: true });
    await setSuperAdmin(await actorFor(superadmin.id, tenant), user.id, true);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).superAdmin).toBe(true);
  });

  it("removing from the tenant deletes access, memberships and bindings here only, audited with what went", async () => {
    const user = await createMember(tenant);
    await bind(tenant, user.id, "Viewer", "company");
    const group = await db().group.create({ data: { tenantId: tenant, name: "removal-test", members: { create: { userId: user.id } } } });
    const other = await createTenant();
    await db().tenantAccess.create({ data: { tenantId: other, userId: user.id } });
    await bind(other, user.id, "Viewer");

    await removeFromTenant(await actorFor(admin.id, tenant), user.id);
    expect(await db().tenantAccess.count({ where: { userId: user.id } })).toBe(1);
    expect(await db().binding.count({ where: { userId: user.id, tenantId: tenant } })).toBe(0);
    expect(await db().binding.count({ where: { userId: user.id, tenantId: other } })).toBe(1);
    expect(await db().groupMembership.count({ where: { groupId: group.id } })).toBe(0);
    const entry = await db().auditLog.findFirstOrThrow({ where: { tenantId: tenant, resourceType: "TENANT_ACCESS", resourceId: user.id } });
    expect(entry.before).toMatchObject({ groups: ["removal-test"], bindings: [{ role: "Viewer", namespace: "company" }] });
  });

  it("someone without USER:UPDATE is refused and nothing changes", async () => {
    const viewer = await createMember(tenant);
    await bind(tenant, viewer.id, "Viewer");
    const user = await createMember(tenant);
    await expect(setUserDisabled(await actorFor(viewer.id, tenant), user.id, true)).rejects.toThrow(Forbidden);
    await expect(removeFromTenant(await actorFor(viewer.id, tenant), user.id)).rejects.toThrow(Forbidden);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).disabled).toBe(false);
  });
});
