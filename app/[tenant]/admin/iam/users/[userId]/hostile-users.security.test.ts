import { vi } from "vitest";
import { signInLockKey } from "@/lib/iam/users/sign-in-lock";
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

const actions = await import("@/app/[tenant]/admin/iam/users/[userId]/actions");

// The user page: disable, superadmin, remove from tenant, group memberships and direct role bindings.
const cases: ActionCase[] = [
  {
    name: "setDisabledAction",
    args: (w) => [w.tenantId, w.users.target, true],
    call: actions.setDisabledAction,
    restore: restore.target,
  },
  {
    name: "setSuperAdminAction",
    args: (w) => [w.tenantId, w.users.target, true],
    call: actions.setSuperAdminAction,
    restore: restore.target,
    // Only a superadmin may grant superadmin, so a tenant Admin is refused too.
    replayControl: "superadmin",
  },
  {
    name: "removeFromTenantAction",
    args: (w) => [w.tenantId, w.users.target],
    call: actions.removeFromTenantAction,
    restore: restore.target,
  },
  {
    name: "addToGroupAction",
    args: (w) => [w.tenantId, w.users.admin, { groupId: w.groupId }],
    call: actions.addToGroupAction,
    restore: async (w) => {
      await restore.group(w);
      await db().groupMembership.deleteMany({ where: { groupId: w.groupId, userId: w.users.admin } });
    },
  },
  {
    name: "removeFromGroupAction",
    args: (w) => [w.tenantId, w.users.target, w.groupId],
    call: actions.removeFromGroupAction,
    restore: restore.target,
  },
  {
    name: "addUserBindingAction",
    args: (w) => [w.tenantId, w.users.target, { roleId: w.roleId, namespaces: ["company.team", "other"] }],
    call: actions.addUserBindingAction,
    restore: restore.target,
  },
  {
    name: "removeUserBindingAction",
    args: (w) => [w.tenantId, w.users.target, w.userBindingId],
    call: actions.removeUserBindingAction,
    restore: restore.target,
  },
  {
    name: "renameUserAction",
    args: (w) => [w.tenantId, w.users.target, { firstName: "Renamed", lastName: "Target" }],
    call: actions.renameUserAction,
    restore: async (w) => {
      await db().user.update({ where: { id: w.users.target }, data: { firstName: "target", lastName: "Hostile" } });
    },
  },
  {
    name: "signOutEverywhereAction",
    args: (w) => [w.tenantId, w.users.target],
    call: actions.signOutEverywhereAction,
    restore: async (w) => {
      await db().session.create({ data: { userId: w.users.target, expiresAt: new Date(Date.now() + 86_400_000) } });
    },
  },
  {
    name: "resetTwoFactorAction",
    args: (w) => [w.tenantId, w.users.target],
    call: actions.resetTwoFactorAction,
    // An authenticator app to reset (a sealed dummy key: never verified here).
    restore: async (w) => {
      await restore.target(w);
      await db().$executeRawUnsafe(
        `INSERT INTO second_factors (id, user_id, kind, name, totp_secret, confirmed_at)
         SELECT gen_random_uuid(), $1::uuid, 'TOTP', 'Phone', 'v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA', now()
         WHERE NOT EXISTS (SELECT 1 FROM second_factors WHERE user_id = $1::uuid)`,
        w.users.target,
      );
    },
  },
  {
    name: "unlockUserAction",
    args: (w) => [w.tenantId, w.users.target],
    call: actions.unlockUserAction,
    // Locked like ten failed sign-ins leave it (lib/iam/users/sign-in-lock.ts reads the same row).
    restore: async (w) => {
      await db().rateLimit.upsert({
        where: { key: signInLockKey(w.emails.target) },
        create: { key: signInLockKey(w.emails.target), points: 11, expire: BigInt(Date.now() + 30 * 60_000) },
        update: { points: 11, expire: BigInt(Date.now() + 30 * 60_000) },
      });
    },
  },
  {
    // Email is not configured in this file: the link comes back, once, to the admin.
    name: "sendPasswordResetAction",
    args: (w) => [w.tenantId, w.users.target],
    call: actions.sendPasswordResetAction,
  },
];

hostileSuite("User page", session, cases);
