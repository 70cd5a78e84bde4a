import { describe, expect, it } from "vitest";
import type { Grant, Principal } from "./engine";
import { MANAGED_ROLES, type PermissionSet } from "./permissions";
import { visibleSections } from "./visible-sections";

const role = (name: string): PermissionSet => MANAGED_ROLES.find((managed) => managed.name === name)!.permissions;

function principal(grants: Grant[], overrides: Partial<Principal> = {}): Principal {
  return { id: "u1", isSuperAdmin: false, isDisabled: false, tenantId: "main", grants, ...overrides };
}

const NONE = { overview: false, users: false, invitations: false, groups: false, roles: false, namespaces: false, security: false };

describe("visibleSections", () => {
  it("offers every section to a tenant-wide Admin and to a superadmin", () => {
    const everything = { iamTabs: Object.fromEntries(Object.keys(NONE).map((tab) => [tab, true])), iam: true, auditLogs: true };
    expect(visibleSections(principal([{ permissions: role("Admin"), namespace: null }]), "main")).toEqual(everything);
    expect(visibleSections(principal([], { isSuperAdmin: true }), "main")).toEqual(everything);
  });

  it("offers no IAM section to a Viewer, whose NAMESPACE:READ is a workload permission", () => {
    expect(visibleSections(principal([{ permissions: role("Viewer"), namespace: null }]), "main")).toEqual({ iamTabs: NONE, iam: false, auditLogs: false });
  });

  it.each(["USER", "INVITATION", "GROUP", "ROLE"] as const)("shows the overview to whoever reads %s somewhere", (permission) => {
    const { iamTabs, iam } = visibleSections(principal([{ permissions: { [permission]: ["READ"] }, namespace: "company" }]), "main");
    expect(iam).toBe(true);
    expect(iamTabs.overview).toBe(true);
    expect(Object.entries(iamTabs).filter(([, isVisible]) => isVisible)).toHaveLength(2);
  });

  it("shows a namespace admin every tab, and nothing in another tenant or when disabled", () => {
    const teamAdmin = principal([{ permissions: role("Admin"), namespace: "company.team" }]);
    expect(Object.values(visibleSections(teamAdmin, "main").iamTabs).every(Boolean)).toBe(true);
    expect(visibleSections(teamAdmin, "other").iamTabs).toEqual(NONE);
    expect(visibleSections({ ...teamAdmin, isDisabled: true }, "main").iamTabs).toEqual(NONE);
  });
});
