import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Grant, Principal } from "./engine";
import { accessConcerns, bindingConcerns, namespaceConcerns, TENANT_WIDE } from "./concerns";
import { MANAGED_ROLES, type PermissionSet } from "./permissions";
import { mayRead, readableCondition, readScope, type ReadScope } from "./read-scope";

const role = (name: string): PermissionSet => MANAGED_ROLES.find((managed) => managed.name === name)!.permissions;
const principal = (grants: Grant[], overrides: Partial<Principal> = {}): Principal => ({
  id: "u1",
  isSuperAdmin: false,
  isDisabled: false,
  tenantId: "main",
  grants,
  ...overrides,
});
const within = (...names: string[]): ReadScope => ({ tenantWide: false, within: names });

describe("readScope", () => {
  it("is tenant-wide for a tenant-wide READ grant and for a superadmin", () => {
    expect(readScope(principal([{ permissions: { AUDITLOG: ["READ"] }, namespace: null }]), "AUDITLOG", "main")).toEqual({ tenantWide: true });
    expect(readScope(principal([], { isSuperAdmin: true }), "INVITATION", "main")).toEqual({ tenantWide: true });
  });

  it("is the outermost namespaces of the READ grants otherwise, ignoring grants of other permissions", () => {
    const grants = [
      { permissions: role("Admin"), namespace: "company.team" },
      { permissions: role("Admin"), namespace: "company" },
      { permissions: role("Admin"), namespace: "other.x" },
      { permissions: role("Admin"), namespace: "companyx" },
      { permissions: role("Viewer"), namespace: null },
    ];
    expect(readScope(principal(grants), "INVITATION", "main")).toEqual(within("company", "companyx", "other.x"));
  });

  it("is null without READ in this tenant, or for a disabled user", () => {
    const admin = [{ permissions: role("Admin"), namespace: null }];
    expect(readScope(principal([{ permissions: role("Viewer"), namespace: null }]), "AUDITLOG", "main")).toBeNull();
    expect(readScope(principal(admin), "AUDITLOG", "elsewhere")).toBeNull();
    expect(readScope(principal(admin, { isDisabled: true }), "AUDITLOG", "main")).toBeNull();
  });
});

describe("mayRead", () => {
  it.each([
    [["company"], true, "the granted namespace"],
    [["company.team.data"], true, "below it"],
    [["company", "company.team"], true, "several, all covered"],
    [["company", "other"], false, "one of them not covered"],
    [["companyx"], false, "a name prefix is not a parent"],
    [["other"], false, "elsewhere"],
    [[], false, "tenant-wide"],
  ])("%j within company → %s (%s)", (concerns, expected) => {
    expect(mayRead(within("company"), concerns)).toBe(expected);
    expect(mayRead({ tenantWide: true }, concerns)).toBe(true);
  });
});

describe("what rows concern (lib/iam/authz/concerns.ts)", () => {
  const viewer = { id: "r", name: "Viewer", permissions: role("Viewer") };
  it("follows the documented rule", () => {
    expect(bindingConcerns("company")).toEqual(["company"]);
    expect(bindingConcerns(null)).toBe(TENANT_WIDE);
    expect(namespaceConcerns("company.team")).toEqual(["company.team"]);
    expect(accessConcerns({ superAdmin: false, groups: [], role: { ...viewer, namespaces: ["other", "company", "other"] } })).toEqual(["company", "other"]);
    expect(accessConcerns({ superAdmin: false, groups: [], role: { ...viewer, namespaces: [] } })).toEqual([]);
    expect(accessConcerns({ superAdmin: true, groups: [], role: { ...viewer, namespaces: ["company"] } })).toEqual([]);
    expect(accessConcerns({ superAdmin: false, groups: [{ id: "g", name: "g", bindings: [{ roleName: "Viewer", permissions: role("Viewer"), namespace: "company" }] }] })).toEqual([]);
    expect(accessConcerns({ superAdmin: false, groups: [] })).toEqual([]);
  });
});

describe("readableCondition agrees with mayRead (real PostgreSQL)", () => {
  const sqlSays = async (scope: ReadScope, concerns: (string | null)[] | null) => {
    const condition = readableCondition(scope, Prisma.sql`${concerns}::text[]`);
    if (!condition) return true;
    const [{ ok }] = await db().$queryRaw<{ ok: boolean }[]>`SELECT coalesce(${condition}, false) AS ok`;
    return ok;
  };

  it("on names built from segments LIKE would misread: _ % \\ and look-alikes", async () => {
    const segment = fc.constantFrom("a", "b", "a_b", "axb", "a-b", "a%", "%", "_", "a\\b", "ab");
    const name = fc.array(segment, { minLength: 1, maxLength: 3 }).map((segments) => segments.join("."));
    await fc.assert(
      fc.asyncProperty(fc.array(name, { minLength: 1, maxLength: 3 }), fc.array(name, { maxLength: 3 }), async (granted, concerns) => {
        const scope = within(...granted);
        expect(await sqlSays(scope, concerns)).toBe(mayRead(scope, concerns));
      }),
      { numRuns: 300 },
    );
  });

  it("has no condition for a tenant-wide reader, and reads a NULL list or element as tenant-wide", async () => {
    expect(readableCondition({ tenantWide: true }, Prisma.raw("namespaces"))).toBeNull();
    expect(await sqlSays(within("company"), null)).toBe(false);
    expect(await sqlSays(within("company"), ["company", null])).toBe(false);
    expect(await sqlSays(within("company"), [null])).toBe(false);
    expect(await sqlSays(within("company"), ["company.team"])).toBe(true);
  });
});

describe("the stored namespaces (real PostgreSQL)", () => {
  it.each(["NULL", "'{company,NULL}'"])("refuses %s, which Prisma could not read back", async (value) => {
    const tenantId = `scope-${Math.random().toString(36).slice(2)}`;
    await db().tenant.create({ data: { id: tenantId, name: tenantId } });
    await expect(
      db().$executeRawUnsafe(
        `INSERT INTO audit_logs (tenant_id, actor_email, resource_type, resource_id, action, namespaces) VALUES ($1, 'a@x.test', 'BINDING', 'b', 'CREATE', ${value})`,
        tenantId,
      ),
    ).rejects.toThrow(/audit_logs_namespaces_check/);
    await expect(
      db().$executeRawUnsafe(
        `INSERT INTO invitations (id, tenant_id, email, token_hash, expires_at, namespaces) VALUES (gen_random_uuid(), $1, 'i@x.test', $2, now(), ${value})`,
        tenantId,
        `hash-${tenantId}`,
      ),
    ).rejects.toThrow(/invitations_namespaces_check/);
  });
});
