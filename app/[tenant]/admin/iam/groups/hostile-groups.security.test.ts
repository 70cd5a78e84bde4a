import { vi } from "vitest";
import { db } from "@/lib/db/client";
import { actorFromDatabase, hostileSuite, restore, type ActionCase } from "@/test/hostile";

// Every server action of the Groups pages under hostile input (test/hostile.ts). Only the session cookie is faked:
// currentActor() answers the user a test names, read from the database as lib/auth/current-actor.ts does. Tenant access,
// grants, permission checks, validation, the database and Next's request scope are all real.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/current-actor", () => ({
  currentActor: async () => actorFromDatabase(session.userId),
  requireActor: async () => (await actorFromDatabase(session.userId)) ?? Promise.reject(new Error("signed out")),
}));

const actions = await import("@/app/[tenant]/admin/iam/groups/actions");

const cases: ActionCase[] = [
  {
    name: "createGroupAction",
    args: (w) => [w.tenantId, { name: "Platform team", description: "Runs the platform" }],
    call: actions.createGroupAction,
    restore: (w) => db().group.deleteMany({ where: { tenantId: w.tenantId, name: "Platform team" } }).then(() => undefined),
  },
  {
    name: "updateGroupAction",
    args: (w) => [w.tenantId, w.groupId, { name: "Hostile group", description: "Edited" }],
    call: actions.updateGroupAction,
    restore: restore.group,
  },
  {
    name: "deleteGroupAction",
    args: (w) => [w.tenantId, w.groupId],
    call: actions.deleteGroupAction,
    restore: restore.target,
  },
  {
    name: "addGroupMemberAction",
    args: (w) => [w.tenantId, w.groupId, { userId: w.users.admin }],
    call: actions.addGroupMemberAction,
    restore: async (w) => {
      await restore.group(w);
      await db().groupMembership.deleteMany({ where: { groupId: w.groupId, userId: w.users.admin } });
    },
  },
  {
    // A read, but it lists the tenant's users: only for whoever may add members.
    name: "searchMemberCandidatesAction",
    args: (w) => [w.tenantId, w.groupId, { q: "test" }],
    call: actions.searchMemberCandidatesAction,
  },
  {
    name: "removeGroupMemberAction",
    args: (w) => [w.tenantId, w.groupId, w.users.target],
    call: actions.removeGroupMemberAction,
    restore: restore.target,
  },
  {
    name: "addGroupBindingsAction",
    args: (w) => [w.tenantId, w.groupId, { roleId: w.roleId, namespaces: ["company.team"] }],
    call: actions.addGroupBindingsAction,
    restore: restore.group,
  },
  {
    name: "removeGroupBindingAction",
    args: (w) => [w.tenantId, w.groupBindingId],
    call: actions.removeGroupBindingAction,
    restore: restore.group,
  },
];

hostileSuite("Groups", session, cases);
