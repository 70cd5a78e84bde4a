import { vi } from "vitest";
import { actorFromDatabase, hostileSuite, restore, type ActionCase } from "@/test/hostile";

// The Invitations tab's bulk Resend and Revoke, under hostile input and replayed by a Viewer. Only the session cookie
// is faked (currentActor() answers the user a test names, read from the database); everything else is real.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/current-actor", () => ({
  currentActor: async () => actorFromDatabase(session.userId),
  requireActor: async () => (await actorFromDatabase(session.userId)) ?? Promise.reject(new Error("signed out")),
}));

const invitations = await import("@/app/[tenant]/admin/iam/invitations/actions");

const cases: ActionCase[] = [
  {
    name: "resendInvitationsAction",
    args: (w) => [w.tenantId, [w.pendingInvitationId, w.existing.invitationId]],
    call: invitations.resendInvitationsAction,
    restore: restore.invitations,
  },
  {
    name: "revokeInvitationsAction",
    args: (w) => [w.tenantId, [w.pendingInvitationId, w.existing.invitationId]],
    call: invitations.revokeInvitationsAction,
    restore: restore.invitations,
  },
];

hostileSuite("Bulk invitations", session, cases);
