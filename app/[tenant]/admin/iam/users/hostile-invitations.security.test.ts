import { vi } from "vitest";
import { db } from "@/lib/db/client";
import { actorFromDatabase, hostileSuite, restore, type ActionCase } from "@/test/hostile";

// Only the session cookie is faked: currentActor() answers the user a test names, read from the database as
// lib/auth/current-actor.ts does. Tenant access, grants, permission checks, validation, the database and Next's request
// scope are all real. See test/hostile.ts for the inputs and the checks.
const session = vi.hoisted(() => {
  // The hourly invitation allowance is lib/security/rate-limits.test.ts's subject; here it would turn valid
  // invitations into audited refusals partway through a run.
  process.env.INVITATIONS_PER_INVITER_PER_HOUR = "0";
  return { userId: null as string | null };
});
vi.mock("@/lib/auth/current-actor", () => ({
  currentActor: async () => actorFromDatabase(session.userId),
  requireActor: async () => (await actorFromDatabase(session.userId)) ?? Promise.reject(new Error("signed out")),
}));

const invite = await import("@/app/[tenant]/admin/iam/users/invite-actions");
const invitations = await import("@/app/[tenant]/admin/iam/invitations/actions");

/** Invitations the runs created (the fixtures' own are put back by restore.invitations). */
const clearInvitations = async (w: { tenantId: string; pendingInvitationId: string; newcomer: { invitationId: string }; existing: { invitationId: string } }) => {
  await db().invitation.deleteMany({
    where: { tenantId: w.tenantId, id: { notIn: [w.pendingInvitationId, w.newcomer.invitationId, w.existing.invitationId] } },
  });
};

const cases: ActionCase[] = [
  {
    name: "inviteChoicesAction",
    args: (w) => [w.tenantId],
    call: invite.inviteChoicesAction,
    runs: 100,
  },
  {
    name: "inviteAction",
    args: (w) => [w.tenantId, { email: `someone@${w.domain}`, access: { mode: "ROLE", roleId: w.viewerRoleId, namespaces: ["company"] }, superAdmin: false }],
    call: invite.inviteAction,
    restore: clearInvitations,
  },
  {
    name: "createUserAction",
    args: (w) => [w.tenantId, { email: `created@${w.domain}`, firstName: "Created", lastName: "Directly", access: { mode: "ROLE", roleId: w.viewerRoleId, namespaces: ["company"] }, signIn: "ONE_TIME_PASSWORD" }],
    call: invite.createUserAction,
    restore: async (w) => {
      await db().user.deleteMany({ where: { email: `created@${w.domain}` } });
    },
  },
  {
    name: "inviteAction (groups)",
    args: (w) => [w.tenantId, { email: `grouped@${w.domain}`, access: { mode: "GROUP", groupIds: [w.groupId] } }],
    call: invite.inviteAction,
    restore: clearInvitations,
  },
  {
    name: "bulkInviteAction",
    args: (w) => [w.tenantId, { emails: `one@${w.domain}\ntwo@${w.domain}, three@${w.domain}`, access: { mode: "ROLE", roleId: w.roleId, namespaces: [] } }],
    call: invite.bulkInviteAction,
    restore: clearInvitations,
    runs: 150,
  },
  {
    name: "resendInvitationAction",
    args: (w) => [w.tenantId, w.pendingInvitationId],
    call: invitations.resendInvitationAction,
    restore: restore.invitations,
  },
  {
    name: "revokeInvitationAction",
    args: (w) => [w.tenantId, w.pendingInvitationId],
    call: invitations.revokeInvitationAction,
    restore: restore.invitations,
  },
];

hostileSuite("Invitations", session, cases);
