import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { grantSourceLabel, heldRoleLabel } from "./binding-labels";
import { effectivePermissions, type EffectiveScope, type HeldBinding } from "./effective-permissions";
import { can, type Principal } from "./engine";
import { ACTIONS, MANAGED_ROLES, PERMISSIONS, type PermissionSet } from "./permissions";
import { summarizeRows } from "./permission-summary";

const role = (name: string): PermissionSet => MANAGED_ROLES.find((managed) => managed.name === name)!.permissions;
const dataTeam = { id: "g1", name: "Data team" };

let next = 0;
function binding(roleName: string, namespace: string | null, via: HeldBinding["via"] = null, permissions = role(roleName)): HeldBinding {
  return { id: `b${next++}`, role: roleName, namespace, via, permissions };
}

const scopeOf = (scopes: EffectiveScope[], namespace: string | null) => scopes.find((scope) => scope.namespace === namespace);
const granters = (scopes: EffectiveScope[], namespace: string | null, permission: string, action: (typeof ACTIONS)[number]) =>
  (scopeOf(scopes, namespace)?.rows.find((row) => row.permission === permission)?.grantedBy[action] ?? []).map((granted) => granted.id);

/** The engine's answer for the user holding all of these bindings. */
const principalOf = (bindings: HeldBinding[]): Principal => ({ id: "u", isSuperAdmin: false, isDisabled: false, tenantId: "t", grants: bindings });

/** Every cell of every scope agrees with `can`, and each binding named grants the cell there on its own. */
function expectAgreesWithEngine(bindings: HeldBinding[], scopes: EffectiveScope[]) {
  const namespaces = [...new Set(bindings.map((held) => held.namespace))];
  for (const namespace of namespaces) {
    const grantsHere = (held: HeldBinding) => PERMISSIONS.some((permission) => ACTIONS.some((action) => can(principalOf([held]), permission, action, { tenant: "t", namespace })));
    expect(scopeOf(scopes, namespace)?.sources.map((held) => held.id) ?? []).toEqual(bindings.filter(grantsHere).map((held) => held.id));
    for (const permission of PERMISSIONS) {
      for (const action of ACTIONS) {
        const target = { tenant: "t", namespace };
        const expected = bindings.filter((held) => can(principalOf([held]), permission, action, target)).map((held) => held.id);
        expect(granters(scopes, namespace, permission, action), `${permission}:${action} on ${namespace}`).toEqual(expected);
        expect(expected.length > 0).toBe(can(principalOf(bindings), permission, action, target));
      }
    }
  }
}

describe("effective permissions", () => {
  it("one Viewer binding on a namespace: one scope, READ of every workload permission, named by that binding", () => {
    const viewer = binding("Viewer", "company", dataTeam);
    const [scope, ...others] = effectivePermissions([viewer]);
    expect(others).toEqual([]);
    expect(scope.namespace).toBe("company");
    expect(scope.rows.map((row) => row.permission)).toEqual(PERMISSIONS.filter((permission) => role("Viewer")[permission]));
    for (const row of scope.rows) expect(row.grantedBy).toEqual({ CREATE: [], READ: [viewer], UPDATE: [], DELETE: [] });
  });

  it("a tenant-wide binding counts in every namespace; a namespace's binding never tenant-wide nor in a sibling or a look-alike", () => {
    const wide = binding("Viewer", null);
    const team = binding("Developer", "company.team", dataTeam);
    const other = binding("Launcher", "companyx");
    const scopes = effectivePermissions([team, wide, other]);
    expect(scopes.map((scope) => scope.namespace)).toEqual([null, "company.team", "companyx"]);
    expect(granters(scopes, "company.team", "FLOW", "READ")).toEqual([team.id, wide.id]);
    expect(scopes.map((scope) => scope.sources.map((held) => held.id))).toEqual([[wide.id], [team.id, wide.id], [wide.id, other.id]]);
    expect(granters(scopes, "company.team", "FLOW", "CREATE")).toEqual([team.id]);
    expect(granters(scopes, null, "FLOW", "CREATE")).toEqual([]);
    expect(granters(scopes, "companyx", "SECRET", "READ")).toEqual([]);
    expect(granters(scopes, "companyx", "EXECUTION", "CREATE")).toEqual([other.id]);
    expectAgreesWithEngine([team, wide, other], scopes);
  });

  it("a parent's binding shows in its child's matrix", () => {
    const parent = binding("Viewer", "company", dataTeam);
    const child = binding("Editor", "company.team.data");
    const scopes = effectivePermissions([parent, child]);
    expect(granters(scopes, "company.team.data", "FLOW", "READ")).toEqual([parent.id, child.id]);
    expect(granters(scopes, "company", "FLOW", "UPDATE")).toEqual([]);
  });

  it("ignores what the vocabulary does not know, and leaves out a scope where nothing is granted", () => {
    const odd = binding("Odd", "other", null, { NOPE: ["READ"], FLOW: ["FLY", "READ"] } as unknown as PermissionSet);
    const empty = binding("Empty", "company", null, {});
    const scopes = effectivePermissions([odd, empty]);
    expect(scopes.map((scope) => scope.namespace)).toEqual(["other"]);
    expect(scopes[0].rows).toEqual([{ permission: "FLOW", grantedBy: { CREATE: [], READ: [odd], UPDATE: [], DELETE: [] } }]);
    expect(scopes[0].sources).toEqual([odd]);
  });

  it("no bindings: no scopes", () => {
    expect(effectivePermissions([])).toEqual([]);
  });

  it("50 bindings, direct and through groups, tenant-wide and nested: every cell of every scope is the engine's answer", () => {
    const roles = ["Admin", "Developer", "Editor", "Launcher", "Viewer"];
    const namespaces = [null, "company", "company.team", "company.team.data", "other", "other.x", "otherx"];
    const groups = [null, dataTeam, { id: "g2", name: "Ops" }];
    const bindings = Array.from({ length: 50 }, (_, index) =>
      binding(roles[index % roles.length], namespaces[index % namespaces.length], groups[index % groups.length]),
    );
    const scopes = effectivePermissions(bindings);
    expect(scopes.map((scope) => scope.namespace)).toEqual(namespaces);
    expectAgreesWithEngine(bindings, scopes);
    // Spot checks: Admin on other does not reach otherx; tenant-wide FLOW READ comes from every tenant-wide binding.
    const tenantWide = bindings.filter((held) => held.namespace === null);
    expect(granters(scopes, "otherx", "USER", "DELETE")).toEqual(bindings.filter((held) => held.role === "Admin" && (held.namespace === null || held.namespace === "otherx")).map((held) => held.id));
    expect(granters(scopes, null, "FLOW", "READ")).toEqual(tenantWide.map((held) => held.id));
  });

  it("agrees with the engine for any bindings (property)", () => {
    const namespace = fc.constantFrom(null, "a", "a.b", "a.b.c", "ab", "b");
    const permissions = fc.dictionary(fc.constantFrom(...PERMISSIONS), fc.subarray([...ACTIONS], { minLength: 1 }), { maxKeys: 6 }) as fc.Arbitrary<PermissionSet>;
    const held = fc.record({ namespace, permissions, viaGroup: fc.boolean() });
    fc.assert(
      fc.property(fc.array(held, { maxLength: 8 }), (drafts) => {
        const bindings = drafts.map((draft, index) => binding(`R${index}`, draft.namespace, draft.viaGroup ? dataTeam : null, draft.permissions));
        expectAgreesWithEngine(bindings, effectivePermissions(bindings));
      }),
      { numRuns: 150 },
    );
  });
});

describe("labels and summaries", () => {
  it("names a binding with its namespace or tenant-wide, and its group or direct", () => {
    expect(heldRoleLabel(binding("Viewer", "company.team"))).toBe("Viewer on company.team");
    expect(heldRoleLabel(binding("Viewer", "company", dataTeam))).toBe("Viewer on company · via Data team");
    expect(heldRoleLabel(binding("Admin", null))).toBe("Admin tenant-wide");
    expect(grantSourceLabel(binding("Viewer", "company.team"))).toBe("Viewer on company.team · direct");
    expect(grantSourceLabel(binding("Viewer", null, dataTeam))).toBe("Viewer tenant-wide · via Data team");
  });

  it("sums up a scope by the actions each permission allows", () => {
    const [launcher] = effectivePermissions([binding("Launcher", "company")]);
    expect(summarizeRows(launcher.rows)).toBe("read FLOW, NAMESPACE, APP; create and read EXECUTION, APPEXECUTION");
    const [admin] = effectivePermissions([binding("Admin", null)]);
    expect(summarizeRows(admin.rows)).toBe("everything");
    const [both] = effectivePermissions([binding("Viewer", null), binding("Custom", null, null, { FLOW: ["CREATE", "UPDATE", "DELETE"] })]);
    expect(summarizeRows(both.rows)).toMatch(/^create, read, update and delete FLOW; read EXECUTION, TEMPLATE/);
  });
});
