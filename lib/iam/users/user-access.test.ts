import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { grantSourceLabel, heldRoleLabel } from "@/lib/iam/authz/binding-labels";
import type { EffectiveScope } from "@/lib/iam/authz/effective-permissions";
import { can } from "@/lib/iam/authz/engine";
import { loadPrincipal } from "@/lib/iam/authz/grants";
import { ACTIONS, PERMISSIONS } from "@/lib/iam/authz/permissions";
import { Forbidden } from "@/lib/iam/errors";
import { actorFor, bind, createMember, createTenant, roleId, superAdminActor } from "@/test/fixtures";
import { getOwnAccess, getUserAccess } from "./user-access";
import { getUserDetail } from "./user-detail";

// The user page's "Roles held" and "Effective permissions" (docs/rules.md § Delegation 10), on the real database: what
// the read returns is checked against the engine run on the grants the app loads for that user (grantsQuery).

let tenant: string;
let superadmin: TenantActor;

beforeAll(async () => {
  tenant = await createTenant();
  superadmin = await superAdminActor(tenant);
});

async function groupWith(name: string, bindings: [role: string, namespace: string | null][], members: string[], tenantId = tenant) {
  const group = await db().group.create({ data: { tenantId, name, members: { create: members.map((userId) => ({ userId })) } } });
  for (const [role, namespace] of bindings) {
    await db().binding.create({ data: { tenantId, type: "GROUP", groupId: group.id, roleId: await roleId(tenantId, role), namespace } });
  }
  return group;
}

async function readerWith(role: string, namespace: string | null) {
  const reader = await createMember(tenant);
  await bind(tenant, reader.id, role, namespace);
  return actorFor(reader.id, tenant);
}

/** Every cell of every scope shown is granted by `can` on the user's real grants, and every granted cell is shown. */
async function expectMatchesEngine(userId: string, effective: EffectiveScope[]) {
  const principal = (await loadPrincipal(db(), userId, tenant))!;
  const scopes = [...new Set(principal.grants.map((grant) => grant.namespace))];
  expect(effective.map((scope) => scope.namespace).sort()).toEqual(scopes.sort());
  for (const namespace of scopes) {
    const rows = effective.find((scope) => scope.namespace === namespace)!.rows;
    for (const permission of PERMISSIONS) {
      for (const action of ACTIONS) {
        const shown = (rows.find((row) => row.permission === permission)?.grantedBy[action].length ?? 0) > 0;
        expect(shown, `${permission}:${action} on ${namespace}`).toBe(can(principal, permission, action, { tenant, namespace }));
      }
    }
  }
}

describe("a user's roles and effective permissions (real PostgreSQL)", () => {
  let userId: string;
  let dataTeamId: string;

  beforeAll(async () => {
    const user = await createMember(tenant);
    userId = user.id;
    await bind(tenant, userId, "Viewer", "company.team");
    await bind(tenant, userId, "Launcher");
    dataTeamId = (await groupWith("Data team", [["Viewer", "company"], ["Developer", "company.team.data"], ["Editor", null]], [userId])).id;
    const elsewhere = await createTenant();
    await groupWith("Foreign", [["Admin", null]], [userId], elsewhere);
  });

  it("lists every role held here, direct first, then via groups, with the group to link to; never another tenant's", async () => {
    const access = (await getUserAccess(superadmin, userId))!;
    expect(access.bindings.map(heldRoleLabel)).toEqual([
      "Launcher tenant-wide",
      "Viewer on company.team",
      "Developer on company.team.data · via Data team",
      "Editor tenant-wide · via Data team",
      "Viewer on company · via Data team",
    ]);
    expect(access.bindings[2].via).toEqual({ id: dataTeamId, name: "Data team" });
    expect(access.limitedTo).toBeNull();
  });

  it("one matrix per scope they are bound on, each cell naming what grants it, as the engine decides", async () => {
    const { effective } = (await getUserAccess(superadmin, userId))!;
    expect(effective.map((scope) => scope.namespace)).toEqual([null, "company", "company.team", "company.team.data"]);
    const flowRead = effective.find((scope) => scope.namespace === "company.team.data")!.rows.find((row) => row.permission === "FLOW")!.grantedBy.READ;
    expect(flowRead.map(grantSourceLabel)).toEqual([
      "Launcher tenant-wide · direct",
      "Viewer on company.team · direct",
      "Developer on company.team.data · via Data team",
      "Editor tenant-wide · via Data team",
      "Viewer on company · via Data team",
    ]);
    await expectMatchesEngine(userId, effective);
  });

  it("a delegated admin sees only the bindings within their namespaces, on the page's bindings table too", async () => {
    const teamAdmin = await readerWith("Admin", "company.team");
    const access = (await getUserAccess(teamAdmin, userId))!;
    expect(access.bindings.map(heldRoleLabel)).toEqual(["Viewer on company.team", "Developer on company.team.data · via Data team"]);
    expect(access.limitedTo).toEqual(["company.team"]);
    // The tenant-wide Launcher and Editor, and Data team's Viewer on company, apply in company.team but are not shown.
    const cells = access.effective.flatMap((scope) => scope.rows.flatMap((row) => ACTIONS.flatMap((action) => row.grantedBy[action])));
    expect(new Set(cells.map(grantSourceLabel))).toEqual(new Set(["Viewer on company.team · direct", "Developer on company.team.data · via Data team"]));
    expect(access.effective.map((scope) => scope.namespace)).toEqual(["company.team", "company.team.data"]);
    const detail = (await getUserDetail(teamAdmin, userId))!;
    expect(detail.bindings.map((binding) => [binding.role.name, binding.namespace])).toEqual([["Viewer", "company.team"]]);
    expect(detail.memberships.map((membership) => membership.group.name)).toEqual(["Data team"]);

    const elsewhereAdmin = await readerWith("Admin", "other");
    expect(await getUserAccess(elsewhereAdmin, userId)).toEqual({ bindings: [], effective: [], limitedTo: ["other"] });
    expect((await getUserDetail(elsewhereAdmin, userId))!.bindings).toEqual([]);
  });

  it("a tenant-wide reader without BINDING:READ still sees every binding, as the Users tab shows them", async () => {
    const role = await db().role.create({ data: { tenantId: tenant, name: "User reader", permissions: { USER: ["READ"] } } });
    const reader = await createMember(tenant);
    await db().binding.create({ data: { tenantId: tenant, type: "USER", userId: reader.id, roleId: role.id } });
    expect((await getUserAccess(await actorFor(reader.id, tenant), userId))!.bindings).toHaveLength(5);
  });

  it("one's own access needs no USER:READ: a Viewer sees every role they hold, and only theirs", async () => {
    const viewer = await readerWith("Viewer", null);
    await expect(getUserAccess(viewer, viewer.id)).rejects.toBeInstanceOf(Forbidden);
    const own = (await getOwnAccess(viewer))!;
    expect(own.bindings.map((binding) => [binding.role, binding.namespace, binding.via])).toEqual([["Viewer", null, null]]);
    expect(own.limitedTo).toBeNull();
    await expectMatchesEngine(viewer.id, own.effective);
    const member = (await getOwnAccess(await actorFor(userId, tenant)))!;
    expect(member.bindings).toEqual((await getUserAccess(superadmin, userId))!.bindings);
  });

  it("null for someone who is not a member here; refused to a reader without USER:READ", async () => {
    const stranger = await createMember(await createTenant());
    expect(await getUserAccess(superadmin, stranger.id)).toBeNull();
    expect(await getUserAccess(superadmin, "00000000-0000-4000-8000-000000000000")).toBeNull();
    const viewer = await readerWith("Viewer", null);
    await expect(getUserAccess(viewer, userId)).rejects.toBeInstanceOf(Forbidden);
  });

  it("50 bindings, direct and through four groups: every binding listed once and every cell the engine's answer", async () => {
    const user = await createMember(tenant);
    const roles = ["Admin", "Developer", "Editor", "Launcher", "Viewer"];
    const namespaces = [null, "company", "company.team", "company.team.data", "other"];
    const direct = Array.from({ length: 30 }, (_, index) => [roles[index % 5], namespaces[Math.floor(index / 5) % 5]] as const);
    for (const [role, namespace] of direct) await bind(tenant, user.id, role, namespace);
    for (let group = 0; group < 4; group++) {
      const bindings = Array.from({ length: 5 }, (_, index) => [roles[(index + group) % 5], namespaces[(index + 2 * group) % 5]] as [string, string | null]);
      await groupWith(`Fifty ${group}`, bindings, [user.id]);
    }
    const access = (await getUserAccess(superadmin, user.id))!;
    expect(access.bindings).toHaveLength(50);
    expect(new Set(access.bindings.map((binding) => binding.id)).size).toBe(50);
    expect(access.bindings.filter((binding) => binding.via)).toHaveLength(20);
    await expectMatchesEngine(user.id, access.effective);
  });
});
