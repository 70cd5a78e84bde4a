import { vi } from "vitest";
import { actorFromDatabase, hostileSuite, restore, type ActionCase } from "@/test/hostile";

// "Renew" on a renewal request's notice, under hostile input and replayed by a Viewer. Only the session cookie is
// faked (currentActor() answers the user a test names, read from the database); everything else is real.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/current-actor", () => ({
  currentActor: async () => actorFromDatabase(session.userId),
  requireActor: async () => (await actorFromDatabase(session.userId)) ?? Promise.reject(new Error("signed out")),
}));

const renewal = await import("@/app/[tenant]/admin/iam/invitations/renewal-actions");

const cases: ActionCase[] = [
  {
    name: "renewInvitationAction",
    args: (w) => [w.tenantId, w.pendingInvitationId],
    call: renewal.renewInvitationAction,
    restore: restore.invitations,
  },
];

hostileSuite("Invitation renewal", session, cases);
