import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { Conflict, Forbidden, Invalid, NotFound } from "@/lib/iam/errors";
import { loadPrincipal } from "@/lib/iam/authz/grants";
import type { PermissionSet } from "@/lib/iam/authz/permissions";
import { addNamespaceSchema } from "./namespace-schemas";
import { addNamespace, deleteNamespace, listNamespaces, parentsOf } from "./namespace-registry";

const suffix = randomUUID().slice(0, 8);
const tenantId = `ns-${suffix}`;
const email = (name: string) => `${name}-${suffix}@namespaces.test`;

let superadmin: TenantActor;
let delegated: TenantActor; // NAMESPACE CRUD on "company" only
let tenantReader: TenantActor; // NAMESPACE READ tenant-wide, nothing else

async function actorWith(name: string, grants: { permissions: PermissionSet; namespace: string | null }[], superAdmin = false): Promise<TenantActor> {
  const user = await db().user.create({ data: { email: email(name), superAdmin, accesses: { create: { tenantId } } } });
  for (const [index, grant] of grants.entries()) {
    const role = await db().role.create({ data: { tenantId, name: `${name} ${index}`, permissions: grant.permissions } });
    await db().binding.create({ data: { tenantId, type: "USER", userId: user.id, roleId: role.id, namespace: grant.namespace } });
  }
  const principal = await loadPrincipal(db(), user.id, tenantId);
  return { id: user.id, email: user.email, name, isSuperAdmin: superAdmin, tenantId, principal: principal! };
}

const add = (actor: TenantActor, name: unknown, createParents = true) => addNamespace(actor, { name, createParents } as { name: string; createParents: boolean });
const registered = async () => (await db().namespace.findMany({ where: { tenantId }, orderBy: { name: "asc" } })).map((row) => row.name);

beforeAll(async () => {
  await db().tenant.create({ data: { id: tenantId, name: "Namespaces" } });
  superadmin = await actorWith("root", [], true);
  delegated = await actorWith("delegated", [{ permissions: { NAMESPACE: ["CREATE", "READ", "UPDATE", "DELETE"] }, namespace: "company" }]);
  tenantReader = await actorWith("reader", [{ permissions: { NAMESPACE: ["READ"] }, namespace: null }]);
});

afterAll(async () => {
  // Bindings and invitation roles restrict deleting their role, which the tenant's cascade would otherwise hit.
  await db().binding.deleteMany({ where: { tenantId } });
  await db().invitation.deleteMany({ where: { tenantId } });
  await db().tenant.delete({ where: { id: tenantId } });
  await db().user.deleteMany({ where: { email: { endsWith: `-${suffix}@namespaces.test` } } });
});

describe("namespace names", () => {
  it.each(["company", "companyx", "company.team", "company.team-1.data_2", "a", "0", "a.b.c.d.e", `${"a".repeat(63)}.b`])("accepts %j", (name) => {
    expect(addNamespaceSchema.safeParse({ name }).success).toBe(true);
  });

  it.each([
    ["empty", ""],
    ["blank", "   "],
    ["double dot", "a..b"],
    ["leading dot", ".a"],
    ["trailing dot", "a."],
    ["upper case", "A"],
    ["mixed case", "Company.team"],
    ["300 characters", "a".repeat(300)],
    ["256 characters in short segments", Array(129).fill("a").join(".")],
    ["64-character segment", "a".repeat(64)],
    ["space", "company team"],
    ["slash", "company/team"],
    ["path traversal", "../etc"],
    ["leading dash", "-company"],
    ["Cyrillic о and с (confusables)", "\u0441\u043empany"],
    ["fullwidth letters", "\uff43ompany"],
    ["zero-width space", "company\u200b"],
    ["dotless i", "\u0131am"],
    ["Kelvin sign K", "\u212aelvin"],
    ["one-dot leader", "company\u2024team"],
    ["SQL", "a'; DROP TABLE namespaces; --"],
  ])("refuses %s", (_, name) => {
    const result = addNamespaceSchema.safeParse({ name });
    expect(result.success).toBe(false);
  });

  it("shows the rule in the refusal", () => {
    const result = addNamespaceSchema.safeParse({ name: "A" });
    expect(result.error?.issues[0].message).toMatch(/lower-case letters, digits, '-' or '_', in segments separated by dots/);
  });

  it("knows the parents of a dotted name", () => {
    expect(parentsOf("a.b.c")).toEqual(["a", "a.b"]);
    expect(parentsOf("companyx")).toEqual([]);
  });
});

describe("addNamespace", () => {
  it("adds a namespace and, when asked, its missing parents, auditing each", async () => {
    expect(await add(superadmin, "company.team.data")).toEqual({ created: ["company", "company.team", "company.team.data"] });
    expect(await add(superadmin, "  companyx.ops  ", false)).toEqual({ created: ["companyx.ops"] });
    expect(await registered()).toEqual(["company", "company.team", "company.team.data", "companyx.ops"]);
    // companyx is not a child of company: its parent is companyx, which is still missing.
    expect(await add(superadmin, "companyx.ops.night")).toEqual({ created: ["companyx", "companyx.ops.night"] });
    const entries = await db().auditLog.findMany({ where: { tenantId, resourceType: "NAMESPACE" }, orderBy: { id: "asc" } });
    expect(entries.map((entry) => [entry.action, entry.resourceId, entry.details])).toEqual([
      ["CREATE", "company", "Added namespace company (parent of company.team.data)"],
      ["CREATE", "company.team", "Added namespace company.team (parent of company.team.data)"],
      ["CREATE", "company.team.data", "Added namespace company.team.data"],
      ["CREATE", "companyx.ops", "Added namespace companyx.ops"],
      ["CREATE", "companyx", "Added namespace companyx (parent of companyx.ops.night)"],
      ["CREATE", "companyx.ops.night", "Added namespace companyx.ops.night"],
    ]);
    expect(entries[0]).toMatchObject({ actorEmail: superadmin.email, after: { name: "company" }, before: null });
  });

  it("refuses duplicates with a clear conflict, adding nothing", async () => {
    const before = await registered();
    await expect(add(superadmin, "company.team")).rejects.toThrow(new Conflict("The namespace company.team already exists."));
    await expect(add(superadmin, " company ")).rejects.toBeInstanceOf(Conflict);
    expect(await registered()).toEqual(before);
  });

  it("refuses invalid names at the domain boundary too", async () => {
    for (const name of ["a..b", "A", "x".repeat(300), "\u0441ompany", 42, null]) {
      await expect(add(superadmin, name), String(name)).rejects.toBeInstanceOf(Invalid);
    }
  });

  it("needs NAMESPACE:CREATE tenant-wide: a grant on a namespace is not enough", async () => {
    await expect(add(delegated, "company.new")).rejects.toThrow(new Forbidden("You need the NAMESPACE:CREATE permission to do this."));
    await expect(add(tenantReader, "brand-new")).rejects.toBeInstanceOf(Forbidden);
    expect(await registered()).not.toContain("company.new");
  });
});

describe("listNamespaces", () => {
  it("lists sorted names with their binding counts, limited to what the actor may read", async () => {
    const role = await db().role.create({ data: { tenantId, name: "Counted", permissions: { FLOW: ["READ"] } } });
    await db().binding.createMany({
      data: [
        { tenantId, type: "USER", userId: superadmin.id, roleId: role.id, namespace: "company.team" },
        { tenantId, type: "USER", userId: tenantReader.id, roleId: role.id, namespace: "company.team" },
        { tenantId, type: "USER", userId: superadmin.id, roleId: role.id, namespace: null },
      ],
    });
    const all = await listNamespaces(tenantReader);
    expect(all.map((row) => row.name)).toEqual(["company", "company.team", "company.team.data", "companyx", "companyx.ops", "companyx.ops.night"]);
    expect(all.find((row) => row.name === "company.team")?.bindingCount).toBe(2);
    expect(all.find((row) => row.name === "company")?.bindingCount).toBe(1); // the delegated admin's own binding
    expect((await listNamespaces(delegated)).map((row) => row.name)).toEqual(["company", "company.team", "company.team.data"]);
  });
});

describe("deleteNamespace", () => {
  it("refuses while bindings or open invitations use it, then deletes and audits", async () => {
    await expect(deleteNamespace(superadmin, "company.team")).rejects.toThrow(
      new Conflict("company.team is used by 2 binding(s), so it can't be deleted. Remove those first."),
    );
    const role = await db().role.findFirstOrThrow({ where: { tenantId, name: "Counted" } });
    const invitation = await db().invitation.create({
      data: { tenantId, email: email("invitee"), tokenHash: randomUUID(), expiresAt: new Date(Date.now() + 60_000), roles: { create: { roleId: role.id, namespaces: ["company.team.data"] } } },
    });
    await expect(deleteNamespace(superadmin, "company.team.data")).rejects.toThrow(/used by 1 open invitation/);
    await db().invitation.update({ where: { id: invitation.id }, data: { revokedAt: new Date() } });

    await deleteNamespace(superadmin, "company.team.data");
    expect(await registered()).not.toContain("company.team.data");
    const entry = await db().auditLog.findFirstOrThrow({ where: { tenantId, resourceType: "NAMESPACE", action: "DELETE" } });
    expect(entry).toMatchObject({ resourceId: "company.team.data", before: { name: "company.team.data" }, after: null, namespaces: ["company.team.data"] });
  });

  it("refuses unknown names and actors without NAMESPACE:DELETE tenant-wide", async () => {
    await expect(deleteNamespace(superadmin, "nope")).rejects.toBeInstanceOf(NotFound);
    await expect(deleteNamespace(superadmin, "../../etc")).rejects.toBeInstanceOf(NotFound);
    await expect(deleteNamespace(delegated, "companyx")).rejects.toBeInstanceOf(Forbidden);
    expect(await registered()).toContain("companyx");
  });
});
