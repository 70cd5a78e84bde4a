import { randomUUID } from "node:crypto";
import { vi } from "vitest";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/iam/passwords/password-hashing";
import { actorFromDatabase, hostileSuite, PASSWORD, type ActionCase, type World } from "@/test/hostile";

// Every server action of /account under hostile input (test/hostile.ts). Only the session cookie is faked:
// currentActor() answers the user a test names, read from the database as lib/auth/current-actor.ts does. The domain,
// the rate limits, validation and the database are real. They act on the signed-in person's own account only, so
// there is no Viewer replay: any signed-in person may change their own profile.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/current-actor", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/current-actor")>()),
  currentActor: async () => actorFromDatabase(session.userId),
  accountActor: async () => (await actorFromDatabase(session.userId)) ?? Promise.reject(new (await import("@/lib/iam/errors")).Forbidden("Your session has ended.")),
}));

const actions = await import("@/app/account/actions");
const NEW_PASSWORD = "hostile replacement passphrase 42";
const sessionIds = new Map<string, string>();
const linkedIds = new Map<string, string>();

/** The login user's other session and linked SSO identity, put back with fixed ids before each run that needs them. */
async function restoreLogin(world: World) {
  const userId = world.users.login;
  const sessionId = sessionIds.get(world.tenantId) ?? randomUUID();
  const linkedId = linkedIds.get(world.tenantId) ?? randomUUID();
  sessionIds.set(world.tenantId, sessionId);
  linkedIds.set(world.tenantId, linkedId);
  await db().$executeRawUnsafe(
    `WITH named AS (UPDATE users SET first_name = 'login', last_name = 'Hostile' WHERE id = $1::uuid),
     live AS (INSERT INTO sessions (id, user_id, expires_at) VALUES ($2::uuid, $1::uuid, now() + interval '1 day') ON CONFLICT (id) DO NOTHING)
     INSERT INTO accounts (id, user_id, provider, provider_account_id) VALUES ($3::uuid, $1::uuid, 'oidc', 'hostile-' || $3) ON CONFLICT (id) DO NOTHING`,
    userId,
    sessionId,
    linkedId,
  );
  await db().user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(PASSWORD), mustChangePassword: false } });
}

const cases: ActionCase[] = [
  {
    name: "updateProfileAction",
    args: () => [{ firstName: "Renamed", lastName: "Person" }],
    call: actions.updateProfileAction,
    actors: ["login", "admin", null],
    restore: restoreLogin,
  },
  {
    name: "changePasswordAction",
    args: () => [{ currentPassword: PASSWORD, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }],
    call: actions.changePasswordAction,
    actors: ["login", null],
    restore: restoreLogin,
    // Each run may verify two argon2id hashes and hash a third.
    runs: 60,
  },
  {
    name: "checkNewPasswordAction",
    args: () => ["correct horse battery"],
    call: actions.checkNewPasswordAction,
    actors: ["login", null],
    shape: "boolean",
  },
  {
    name: "endSessionAction",
    args: (world) => [sessionIds.get(world.tenantId)],
    call: actions.endSessionAction,
    actors: ["login", "admin", null],
    restore: restoreLogin,
  },
  {
    name: "endOtherSessionsAction",
    args: () => [],
    call: actions.endOtherSessionsAction,
    actors: ["login", null],
    restore: restoreLogin,
    runs: 50,
  },
  {
    name: "unlinkSsoAccountAction",
    args: (world) => [linkedIds.get(world.tenantId)],
    call: actions.unlinkSsoAccountAction,
    actors: ["login", "admin", null],
    restore: restoreLogin,
  },
];

hostileSuite("Account", session, cases, { replay: [] });
