import { vi } from "vitest";
import { db } from "@/lib/db/client";
import { actorFromDatabase, hostileSuite, restore, type ActionCase, type World } from "@/test/hostile";

// The Users tab's bulk Disable and Enable, under hostile input and replayed by a Viewer. Only the session cookie is
// faked (currentActor() answers the user a test names, read from the database); everything else is real.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/current-actor", () => ({
  currentActor: async () => actorFromDatabase(session.userId),
  requireActor: async () => (await actorFromDatabase(session.userId)) ?? Promise.reject(new Error("signed out")),
}));

const actions = await import("@/app/[tenant]/admin/iam/users/(list)/actions");

const setDisabled = async (w: World, userIds: string[], disabled: boolean) => {
  await restore.target(w);
  await db().user.updateMany({ where: { id: { in: userIds } }, data: { disabled } });
};

const cases: ActionCase[] = [
  {
    name: "setUsersDisabledAction (disable)",
    args: (w) => [w.tenantId, [w.users.target, w.users.login], true],
    call: actions.setUsersDisabledAction,
    restore: (w) => setDisabled(w, [w.users.target, w.users.login], false),
  },
  {
    name: "setUsersDisabledAction (enable)",
    args: (w) => [w.tenantId, [w.users.target, w.users.login], false],
    call: actions.setUsersDisabledAction,
    restore: (w) => setDisabled(w, [w.users.target, w.users.login], true),
  },
];

hostileSuite("Bulk users", session, cases);
