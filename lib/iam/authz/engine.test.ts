import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { can, canSomewhere, holdsAll, type Grant, type Principal } from "./engine";
import { namespaceCovers } from "@/lib/iam/namespaces/namespace-names";
import { ACTIONS, MANAGED_ROLES, PERMISSIONS, type PermissionSet } from "./permissions";

const role = (name: string): PermissionSet => MANAGED_ROLES.find((managed) => managed.name === name)!.permissions;

function principal(grants: Grant[], overrides: Partial<Principal> = {}): Principal {
  return { id: "u1", isSuperAdmin: false, isDisabled: false, tenantId: "main", grants, ...overrides };
}

describe("can: table of cases", () => {
  const viewerOnCompany = principal([{ permissions: role("Viewer"), namespace: "company" }]);
  const adminTenantWide = principal([{ permissions: role("Admin"), namespace: null }]);
  const teamAdmin = principal([{ permissions: role("Admin"), namespace: "company.team" }]);

  it.each([
    // [who, permission, action, namespace, expected, why]
    [viewerOnCompany, "FLOW", "READ", "company", true, "granted namespace itself"],
    [viewerOnCompany, "FLOW", "READ", "company.team.data", true, "descendants inherit"],
    [viewerOnCompany, "FLOW", "READ", "companyx", false, "a name prefix is not a parent"],
    [viewerOnCompany, "FLOW", "READ", "other", false, "sibling namespace"],
    [viewerOnCompany, "FLOW", "READ", undefined, false, "namespaced grant does not satisfy a tenant-wide check"],
    [viewerOnCompany, "FLOW", "UPDATE", "company", false, "Viewer only reads"],
    [viewerOnCompany, "USER", "READ", "company", false, "Viewer has no IAM permission"],
    [adminTenantWide, "USER", "DELETE", undefined, true, "tenant-wide Admin"],
    [adminTenantWide, "USER", "DELETE", "anything.at.all", true, "tenant-wide covers every namespace"],
    [teamAdmin, "INVITATION", "CREATE", "company.team.data", true, "delegated admin below their namespace"],
    [teamAdmin, "INVITATION", "CREATE", "company", false, "delegated admin above their namespace"],
    [teamAdmin, "INVITATION", "CREATE", undefined, false, "delegated admin tenant-wide"],
  ] as const)("%#: %s %s:%s on %s → %s (%s)", (who, permission, action, namespace, expected, why) => {
    expect(can(who, permission, action, { tenant: "main", namespace }), why).toBe(expected);
  });

  it("never applies grants in another tenant", () => {
    expect(can(adminTenantWide, "USER", "READ", { tenant: "other-tenant" })).toBe(false);
    expect(canSomewhere(adminTenantWide, "USER", "READ", "other-tenant")).toBe(false);
  });

  it("lets a superadmin do everything everywhere, and a disabled user nothing", () => {
    const superadmin = principal([], { isSuperAdmin: true });
    const disabledAdmin = principal([{ permissions: role("Admin"), namespace: null }], { isDisabled: true });
    for (const permission of PERMISSIONS) {
      for (const action of ACTIONS) {
        expect(can(superadmin, permission, action, { tenant: "any" })).toBe(true);
        expect(can(disabledAdmin, permission, action, { tenant: "main" })).toBe(false);
      }
    }
    expect(canSomewhere(disabledAdmin, "USER", "READ", "main")).toBe(false);
  });

  it("unions direct and group grants", () => {
    const both = principal([
      { permissions: { FLOW: ["READ"] }, namespace: "company" },
      { permissions: { FLOW: ["UPDATE"] }, namespace: "company.team" },
    ]);
    expect(can(both, "FLOW", "UPDATE", { tenant: "main", namespace: "company.team.data" })).toBe(true);
    expect(can(both, "FLOW", "UPDATE", { tenant: "main", namespace: "company" })).toBe(false);
    expect(canSomewhere(both, "FLOW", "UPDATE", "main")).toBe(true);
  });
});

describe("holdsAll: no privilege escalation", () => {
  const teamAdmin = principal([{ permissions: role("Admin"), namespace: "company.team" }]);
  it.each([
    ["Developer", "company.team", true],
    ["Developer", "company.team.data", true],
    ["Developer", "company", false],
    ["Developer", null, false],
    ["Admin", "company.team", true],
  ] as const)("team admin granting %s on %s → %s", (roleName, namespace, expected) => {
    expect(holdsAll(teamAdmin, role(roleName), { tenant: "main", namespace })).toBe(expected);
  });

  it("a Developer cannot grant Admin anywhere", () => {
    const developer = principal([{ permissions: role("Developer"), namespace: null }]);
    expect(holdsAll(developer, role("Admin"), { tenant: "main", namespace: "company" })).toBe(false);
    expect(holdsAll(developer, role("Viewer"), { tenant: "main", namespace: "company" })).toBe(true);
  });
});

describe("namespace inheritance (property-based)", () => {
  const segment = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,5}$/);
  const namespace = fc.array(segment, { minLength: 1, maxLength: 4 }).map((segments) => segments.join("."));

  it("a namespace covers itself and every descendant", () => {
    fc.assert(
      fc.property(namespace, fc.array(segment, { maxLength: 3 }), (parent, rest) => {
        const child = [parent, ...rest].join(".");
        expect(namespaceCovers(parent, child)).toBe(true);
      }),
    );
  });

  it("a namespace never covers a name that merely starts with the same characters", () => {
    fc.assert(
      fc.property(namespace, fc.stringMatching(/^[a-z0-9_-]{1,4}$/), (parent, suffix) => {
        expect(namespaceCovers(parent, `${parent}${suffix}`)).toBe(false);
      }),
    );
  });

  it("coverage is the segment-prefix relation: covers(a, b) iff a's segments start b's", () => {
    fc.assert(
      fc.property(namespace, namespace, (a, b) => {
        const [as, bs] = [a.split("."), b.split(".")];
        const isPrefix = as.length <= bs.length && as.every((part, index) => part === bs[index]);
        expect(namespaceCovers(a, b)).toBe(isPrefix);
      }),
    );
  });

  it("coverage is transitive, and a grant on a namespace allows exactly what that namespace covers", () => {
    fc.assert(
      fc.property(namespace, namespace, namespace, (a, b, c) => {
        if (namespaceCovers(a, b) && namespaceCovers(b, c)) expect(namespaceCovers(a, c)).toBe(true);
        const who = principal([{ permissions: { FLOW: ["READ"] }, namespace: a }]);
        expect(can(who, "FLOW", "READ", { tenant: "main", namespace: b })).toBe(namespaceCovers(a, b));
      }),
    );
  });

  it("tenant-wide covers everything; nothing namespaced covers tenant-wide", () => {
    fc.assert(
      fc.property(namespace, (name) => {
        expect(namespaceCovers(null, name)).toBe(true);
        expect(namespaceCovers(name, null)).toBe(false);
      }),
    );
  });
});
