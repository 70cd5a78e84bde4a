import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { actorFor, bind, createMember, createTenant } from "@/test/fixtures";
import { Forbidden } from "@/lib/iam/errors";
import { MANAGED_ROLES } from "@/lib/iam/authz/permissions";
import { inviteChoices, inviteRights } from "./invite-choices";

let tenant: string;
let other: string;

beforeAll(async () => {
  tenant = await createTenant();
  other = await createTenant();
  await db().group.createMany({ data: [{ tenantId: tenant, name: "Beta team" }, { tenantId: tenant, name: "Alpha team" }, { tenantId: other, name: "Elsewhere" }] });
});

const member = async (role?: string, namespace?: string) => {
  const user = await createMember(tenant);
  if (role) await bind(tenant, user.id, role, namespace);
  return actorFor(user.id, tenant);
};

describe("what the Invite dialog offers (real PostgreSQL)", () => {
  it("a tenant Admin: every group of the tenant, every role, every namespace", async () => {
    const admin = await member("Admin");
    expect(inviteRights(admin)).toEqual({ canInvite: true, canInviteIntoGroups: true, isTenantWide: true });
    const choices = await inviteChoices(admin);
    expect(choices.groups.map((group) => group.name)).toEqual(["Alpha team", "Beta team"]);
    expect(choices.roles.map((role) => role.name)).toEqual(expect.arrayContaining(["Admin", "Developer", "Viewer"]));
    expect(choices.namespaces).toEqual(["company", "company.team", "company.team.data", "other"]);
  });

  it("an Admin of one namespace: no groups, only the roles they hold there, only the namespaces below it", async () => {
    const teamAdmin = await member("Admin", "company.team");
    expect(inviteRights(teamAdmin)).toEqual({ canInvite: true, canInviteIntoGroups: false, isTenantWide: false });
    const choices = await inviteChoices(teamAdmin);
    expect(choices.groups).toEqual([]);
    expect(choices.namespaces).toEqual(["company.team", "company.team.data"]);
    expect(choices.roles.map((role) => role.name)).toContain("Viewer");
  });

  it("a Developer holds fewer permissions than Admin, so Admin is never offered to them", async () => {
    const role = await db().role.create({
      data: { tenantId: tenant, name: "Inviting developer", permissions: { INVITATION: ["CREATE"], FLOW: ["READ", "CREATE"] } },
    });
    const developer = await member();
    await db().binding.create({ data: { tenantId: tenant, type: "USER", userId: developer.id, roleId: role.id } });
    const choices = await inviteChoices(await actorFor(developer.id, tenant));
    expect(choices.roles.map((offered) => offered.name)).not.toContain("Admin");
    expect(choices.roles.map((offered) => offered.name)).toContain("Inviting developer");
  });

  it("with what each role grants and each group's bindings, for the dialog's preview; another tenant's bindings never", async () => {
    const alpha = await db().group.findFirstOrThrow({ where: { tenantId: tenant, name: "Alpha team" } });
    const viewer = await db().role.findFirstOrThrow({ where: { tenantId: tenant, name: "Viewer" } });
    await db().binding.create({ data: { tenantId: tenant, type: "GROUP", groupId: alpha.id, roleId: viewer.id, namespace: "company" } });
    const elsewhere = await db().group.findFirstOrThrow({ where: { tenantId: other, name: "Elsewhere" } });
    const otherAdmin = await db().role.findFirstOrThrow({ where: { tenantId: other, name: "Admin" } });
    await db().binding.create({ data: { tenantId: other, type: "GROUP", groupId: elsewhere.id, roleId: otherAdmin.id } });
    // A user binding is no group's.
    await db().binding.create({ data: { tenantId: tenant, type: "USER", userId: (await createMember(tenant)).id, roleId: viewer.id } });

    const choices = await inviteChoices(await member("Admin"));
    const viewerRights = MANAGED_ROLES.find((role) => role.name === "Viewer")!.permissions;
    expect(choices.roles.find((role) => role.name === "Viewer")).toEqual({ id: viewer.id, name: "Viewer", permissions: viewerRights });
    expect(choices.groups.find((group) => group.name === "Alpha team")!.bindings).toEqual([
      { id: expect.any(String), namespace: "company", role: { id: viewer.id, name: "Viewer", permissions: viewerRights } },
    ]);
    expect(choices.groups.find((group) => group.name === "Beta team")!.bindings).toEqual([]);
    expect(choices.groups.map((group) => group.name)).toEqual(["Alpha team", "Beta team"]);
  });

  it("refuses whoever may not invite anywhere in the tenant", async () => {
    const viewer = await member("Viewer");
    expect(inviteRights(viewer).canInvite).toBe(false);
    await expect(inviteChoices(viewer)).rejects.toBeInstanceOf(Forbidden);
  });
});
