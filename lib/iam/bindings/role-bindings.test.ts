import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { actorFor, auditCount, bind, createMember, createTenant, roleId } from "@/test/fixtures";
import { withOtherTransaction } from "@/test/races";
import { addBindings, removeBinding } from "./role-bindings";
import { Conflict, Forbidden, NotFound } from "@/lib/iam/errors";
import { loadPrincipal } from "@/lib/iam/authz/grants";
import { can } from "@/lib/iam/authz/engine";
import { addMember } from "@/lib/iam/groups/group-memberships";
import { deleteNamespace } from "@/lib/iam/namespaces/namespace-registry";

let tenant: string;
let admin: Awaited<ReturnType<typeof createMember>>;
let teamAdmin: Awaited<ReturnType<typeof createMember>>;
let target: Awaited<ReturnType<typeof createMember>>;

beforeAll(async () => {
  tenant = await createTenant();
  admin = await createMember(tenant);
  teamAdmin = await createMember(tenant);
  target = await createMember(tenant);
  await bind(tenant, admin.id, "Admin");
  await bind(tenant, teamAdmin.id, "Admin", "company.team");
});

describe("bindings (real PostgreSQL)", () => {
  it("binds a role per namespace, audits each, and the grant takes effect with inheritance", async () => {
    const before = await auditCount(tenant, "BINDING");
    const result = await addBindings(await actorFor(admin.id, tenant), { type: "USER", userId: target.id }, { roleId: await roleId(tenant, "Viewer"), namespaces: ["company", "other"] });
    expect(result.created).toBe(2);
    expect(await auditCount(tenant, "BINDING")).toBe(before + 2);
    const entries = await db().auditLog.findMany({ where: { tenantId: tenant, resourceType: "BINDING", after: { path: ["userId"], equals: target.id } } });
    expect(entries.map((entry) => entry.namespaces).sort()).toEqual([["company"], ["other"]]);
    const principal = (await loadPrincipal(db(), target.id, tenant))!;
    expect(can(principal, "FLOW", "READ", { tenant, namespace: "company.team.data" })).toBe(true);
    expect(can(principal, "FLOW", "READ", { tenant })).toBe(false);
    await expect(
      addBindings(await actorFor(admin.id, tenant), { type: "USER", userId: target.id }, { roleId: await roleId(tenant, "Viewer"), namespaces: ["company"] }),
    ).rejects.toThrow(Conflict);
  });

  it("delegated admin: may grant within their namespace, never above it, tenant-wide or to groups", async () => {
    const delegate = await actorFor(teamAdmin.id, tenant);
    const developer = await roleId(tenant, "Developer");
    await expect(addBindings(delegate, { type: "USER", userId: target.id }, { roleId: developer, namespaces: ["company.team.data"] })).resolves.toEqual({ created: 1 });
    await expect(addBindings(delegate, { type: "USER", userId: target.id }, { roleId: developer, namespaces: ["company"] })).rejects.toThrow(Forbidden);
    await expect(addBindings(delegate, { type: "USER", userId: target.id }, { roleId: developer, namespaces: [] })).rejects.toThrow(Forbidden);
    const group = await db().group.create({ data: { tenantId: tenant, name: "delegation-test" } });
    await expect(addBindings(delegate, { type: "GROUP", groupId: group.id }, { roleId: developer, namespaces: ["company.team"] })).rejects.toThrow(Forbidden);
    expect(await db().binding.count({ where: { groupId: group.id } })).toBe(0);
  });

  it("no escalation: a Developer with BINDING rights still cannot hand out Admin", async () => {
    const developer = await createMember(tenant);
    await bind(tenant, developer.id, "Developer");
    await db().role.create({ data: { tenantId: tenant, name: "Binder", permissions: { BINDING: ["CREATE", "DELETE"] } } });
    await bind(tenant, developer.id, "Binder");
    const actor = await actorFor(developer.id, tenant);
    await expect(addBindings(actor, { type: "USER", userId: target.id }, { roleId: await roleId(tenant, "Admin"), namespaces: ["other"] })).rejects.toThrow(/hold all of its permissions/);
    await expect(addBindings(actor, { type: "USER", userId: target.id }, { roleId: await roleId(tenant, "Launcher"), namespaces: ["other"] })).resolves.toEqual({ created: 1 });
  });

  it("refuses unknown namespaces, foreign users and roles of another tenant", async () => {
    const actor = await actorFor(admin.id, tenant);
    await expect(addBindings(actor, { type: "USER", userId: target.id }, { roleId: await roleId(tenant, "Viewer"), namespaces: ["nowhere"] })).rejects.toThrow(NotFound);
    const otherTenant = await createTenant();
    const stranger = await createMember(otherTenant);
    await expect(addBindings(actor, { type: "USER", userId: stranger.id }, { roleId: await roleId(tenant, "Viewer"), namespaces: [] })).rejects.toThrow(NotFound);
    await expect(addBindings(actor, { type: "USER", userId: target.id }, { roleId: await roleId(otherTenant, "Viewer"), namespaces: [] })).rejects.toThrow(NotFound);
  });

  it("removes a binding with an audit entry; a delegated admin cannot remove a tenant-wide one", async () => {
    await bind(tenant, target.id, "Editor");
    const binding = await db().binding.findFirstOrThrow({ where: { userId: target.id, role: { name: "Editor" } } });
    await expect(removeBinding(await actorFor(teamAdmin.id, tenant), binding.id)).rejects.toThrow(Forbidden);
    await removeBinding(await actorFor(admin.id, tenant), binding.id);
    expect(await db().binding.findUnique({ where: { id: binding.id } })).toBeNull();
    const entry = await db().auditLog.findFirstOrThrow({ where: { tenantId: tenant, resourceId: binding.id, action: "DELETE" } });
    expect(entry.before).toMatchObject({ role: "Editor", namespace: null });
    expect(entry.namespaces).toEqual([]);
  });

  it("memberships: adding to a group whose roles the actor lacks is refused (no escalation through groups)", async () => {
    const group = await db().group.create({ data: { tenantId: tenant, name: "admins-group" } });
    await db().binding.create({ data: { tenantId: tenant, type: "GROUP", groupId: group.id, roleId: await roleId(tenant, "Admin") } });
    const limited = await createMember(tenant);
    await db().role.create({ data: { tenantId: tenant, name: "Membership manager", permissions: { GROUP_MEMBERSHIP: ["CREATE"] } } });
    await bind(tenant, limited.id, "Membership manager");
    await expect(addMember(await actorFor(limited.id, tenant), group.id, target.id)).rejects.toThrow(Forbidden);
    await addMember(await actorFor(admin.id, tenant), group.id, target.id);
    await expect(addMember(await actorFor(admin.id, tenant), group.id, target.id)).rejects.toThrow(Conflict);
    const principal = (await loadPrincipal(db(), target.id, tenant))!;
    expect(can(principal, "USER", "DELETE", { tenant })).toBe(true);
  });
});

describe("a namespace deleted while a binding is added on it (real PostgreSQL, two connections)", () => {
  // A second connection plays the other transaction (test/races.ts), holding exactly the lock the other function
  // takes first, so the interleaving is forced rather than hoped for.

  /** Waits until a query on namespaces waits for a lock (at most 3 s: without the locking, none ever does). */
  async function aNamespaceQueryWaits() {
    for (let tries = 0; tries < 60; tries++) {
      const [{ waiting }] = await db().$queryRaw<{ waiting: number }[]>`
        SELECT count(*)::int AS waiting FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%namespaces%'`;
      if (waiting > 0) return true;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return false;
  }

  const bindingsOn = (namespace: string) => db().binding.count({ where: { tenantId: tenant, namespace } });

  it("an add that comes second waits for the delete, then finds the namespace gone and binds nothing", async () => {
    await db().namespace.create({ data: { tenantId: tenant, name: "race-add" } });
    await withOtherTransaction(async (other) => {
      await other.query("SELECT name FROM namespaces WHERE tenant_id = $1 AND name = 'race-add' FOR UPDATE", [tenant]);
      const adding = addBindings(await actorFor(admin.id, tenant), { type: "USER", userId: target.id }, { roleId: await roleId(tenant, "Viewer"), namespaces: ["race-add"] }).then(
        () => "bound",
        (error: unknown) => error,
      );
      expect(await aNamespaceQueryWaits()).toBe(true);
      await other.query("DELETE FROM namespaces WHERE tenant_id = $1 AND name = 'race-add'", [tenant]);
      await other.query("COMMIT");
      expect(await adding).toBeInstanceOf(NotFound);
    });
    expect(await bindingsOn("race-add")).toBe(0);
  });

  it("a delete that comes second waits for the add, then counts its binding and refuses", async () => {
    await db().namespace.create({ data: { tenantId: tenant, name: "race-delete" } });
    const viewer = await roleId(tenant, "Viewer");
    await withOtherTransaction(async (other) => {
      await other.query("SELECT name FROM namespaces WHERE tenant_id = $1 AND name = 'race-delete' FOR SHARE", [tenant]);
      const deleting = deleteNamespace(await actorFor(admin.id, tenant), "race-delete").then(
        () => "deleted",
        (error: unknown) => error,
      );
      expect(await aNamespaceQueryWaits()).toBe(true);
      await other.query("INSERT INTO bindings (id, tenant_id, type, user_id, role_id, namespace) VALUES (gen_random_uuid(), $1, 'USER', $2, $3, 'race-delete')", [
        tenant,
        target.id,
        viewer,
      ]);
      await other.query("COMMIT");
      expect(await deleting).toBeInstanceOf(Conflict);
    });
    expect(await db().namespace.count({ where: { tenantId: tenant, name: "race-delete" } })).toBe(1);
    expect(await bindingsOn("race-delete")).toBe(1);
  });
});
