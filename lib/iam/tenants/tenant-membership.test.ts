import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { bind, createMember, createTenant, roleId } from "@/test/fixtures";
import { loadGrants } from "@/lib/iam/authz/grants";
import { openTenant, tenantMembership, tenantsOf } from "./tenant-membership";

// The one-query look-up every page and action runs (tenant, access, grants), against a real PostgreSQL.
let tenant: string;
let other: string;
let member: Awaited<ReturnType<typeof createMember>>;
let outsider: Awaited<ReturnType<typeof createMember>>;

beforeAll(async () => {
  tenant = await createTenant();
  other = await createTenant();
  member = await createMember(tenant);
  outsider = await createMember(other);
  await bind(tenant, member.id, "Viewer", "company");
  const group = await db().group.create({ data: { tenantId: tenant, name: "Launchers" } });
  await db().groupMembership.create({ data: { groupId: group.id, userId: member.id } });
  await db().binding.create({ data: { tenantId: tenant, type: "GROUP", groupId: group.id, roleId: await roleId(tenant, "Launcher"), namespace: null } });
  // A binding in another tenant must never leak into this one.
  await bind(other, member.id, "Admin");
});

describe("tenantMembership", () => {
  it("gives a member the tenant, access and every grant, direct and through groups, as loadGrants does", async () => {
    const membership = await tenantMembership(member.id, tenant);
    expect(membership.tenant).toEqual({ id: tenant, name: tenant });
    expect(membership.hasAccess).toBe(true);
    const sorted = <T extends { namespace: string | null }>(grants: T[]) => [...grants].sort((a, b) => String(a.namespace).localeCompare(String(b.namespace)));
    expect(sorted(membership.grants)).toEqual(sorted(await loadGrants(db(), member.id, tenant)));
    expect(membership.grants.map((grant) => grant.namespace).sort()).toEqual(["company", null].sort());
    expect(membership.grants.find((grant) => grant.namespace === "company")?.permissions.FLOW).toContain("READ");
  });

  it("says a tenant exists but gives no access or grants to a user of another tenant", async () => {
    expect(await tenantMembership(outsider.id, tenant)).toMatchObject({ tenant: { id: tenant, name: tenant }, hasAccess: false, grants: [] });
    expect(await openTenant({ id: outsider.id, email: outsider.email, name: "", isSuperAdmin: false }, tenant)).toEqual({ kind: "forbidden" });
    expect(await openTenant({ id: outsider.id, email: outsider.email, name: "", isSuperAdmin: true }, tenant)).toMatchObject({ kind: "ok" });
  });

  it("finds no tenant for an unknown id, nor for one no tenant could have (empty, too long, a NUL byte)", async () => {
    expect(await tenantMembership(member.id, "no-such-tenant")).toMatchObject({ tenant: null, hasAccess: false, grants: [] });
    for (const id of ["", "x".repeat(65), "bad\u0000id"]) {
      expect(await tenantMembership(member.id, id)).toMatchObject({ tenant: null, hasAccess: false, grants: [] });
    }
    expect(await openTenant({ id: member.id, email: member.email, name: "", isSuperAdmin: true }, "no-such-tenant")).toEqual({ kind: "not-found" });
  });

  it("lists the tenants a user may open", async () => {
    const actor = { id: member.id, email: member.email, name: "", isSuperAdmin: false };
    expect((await tenantsOf(actor)).map((t) => t.id)).toEqual([tenant]);
  });
});
