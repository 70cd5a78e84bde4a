import { vi } from "vitest";
import { db } from "@/lib/db/client";
import { actorFromDatabase, hostileSuite, restore, type ActionCase } from "@/test/hostile";

// Only the session cookie is faked: currentActor() answers the user a test names, read from the database as
// lib/auth/current-actor.ts does. Tenant access, grants, permission checks, validation, the database and Next's request
// scope are all real. See test/hostile.ts for the inputs and the checks.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/current-actor", () => ({
  currentActor: async () => actorFromDatabase(session.userId),
  requireActor: async () => (await actorFromDatabase(session.userId)) ?? Promise.reject(new Error("signed out")),
}));

const roles = await import("@/app/[tenant]/admin/iam/roles/actions");
const namespaces = await import("@/app/[tenant]/admin/iam/namespaces/actions");

// Roles (permission sets are strict objects: unknown keys, __proto__ included, are refused) and namespaces.
const cases: ActionCase[] = [
  {
    name: "createRoleAction",
    args: (w) => [w.tenantId, { name: "Flow reviewer", description: "Reads flows", permissions: { FLOW: ["READ"], EXECUTION: ["READ", "CREATE"] } }],
    call: roles.createRoleAction,
    restore: (w) => db().role.deleteMany({ where: { tenantId: w.tenantId, name: "Flow reviewer" } }).then(() => undefined),
  },
  {
    name: "updateRoleAction",
    args: (w) => [w.tenantId, w.roleId, { name: "Hostile auditor", description: "Edited", permissions: { AUDITLOG: ["READ"] } }],
    call: roles.updateRoleAction,
    restore: restore.roles,
  },
  {
    name: "deleteRoleAction",
    args: (w) => [w.tenantId, w.spareRoleId],
    call: roles.deleteRoleAction,
    restore: restore.roles,
  },
  {
    name: "addNamespaceAction",
    args: (w) => [w.tenantId, { name: "company.team.new", createParents: true }],
    call: namespaces.addNamespaceAction,
    restore: restore.namespaces,
  },
  {
    name: "deleteNamespaceAction",
    args: (w) => [w.tenantId, "other"],
    call: namespaces.deleteNamespaceAction,
    restore: restore.namespaces,
  },
];

hostileSuite("Roles and namespaces", session, cases);
