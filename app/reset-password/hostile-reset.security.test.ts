import { vi } from "vitest";
import { db } from "@/lib/db/client";
import { hashToken, newToken } from "@/lib/iam/invitations/invitation-tokens";
import { hashPassword } from "@/lib/iam/passwords/password-hashing";
import { actorFromDatabase, hostileSuite, PASSWORD, type ActionCase, type World } from "@/test/hostile";

// The public password-reset actions ("Forgot password?" and the reset page, where the token is the credential) under
// hostile input (test/hostile.ts). Only the session cookie is faked; Auth.js, the rate limits, validation, the
// database and Next's request scope are real. Email is configured (a key, no server: nothing is sent from here).
const session = vi.hoisted(() => {
  process.env.AUTH_SECRET ??= "hostile-input-tests-secret-0123456789abcdef";
  vi.stubEnv("RESEND_API_KEY", "re_hostile_reset_test");
  return { userId: null as string | null };
});
vi.mock("@/lib/auth/current-actor", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/current-actor")>()),
  currentActor: async () => actorFromDatabase(session.userId),
}));

const forgot = await import("@/app/login/forgot/actions");
const reset = await import("@/app/reset-password/[token]/actions");
const NEW_PASSWORD = "violet-Harbor-92-reset-quietly";
const tokens = new Map<string, string>();

/** An open reset link for the login user (the same token each time), and the login user's password as it was. */
async function restoreReset(world: World) {
  const token = tokens.get(world.tenantId) ?? newToken();
  tokens.set(world.tenantId, token);
  await db().passwordReset.upsert({
    where: { tokenHash: hashToken(token) },
    create: { userId: world.users.login, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 3600_000) },
    update: { usedAt: null, supersededAt: null, expiresAt: new Date(Date.now() + 3600_000) },
  });
  await db().user.update({ where: { id: world.users.login }, data: { passwordHash: await hashPassword(PASSWORD) } });
}

const cases: ActionCase[] = [
  {
    name: "forgotPasswordAction",
    args: (world) => [{ email: world.emails.login }],
    call: forgot.forgotPasswordAction,
    actors: [null],
  },
  {
    name: "checkResetPasswordAction",
    args: (world) => [tokens.get(world.tenantId), "correct horse battery"],
    call: reset.checkResetPasswordAction,
    actors: [null],
    shape: "boolean",
    restore: restoreReset,
  },
  {
    name: "resetPasswordAction",
    args: (world) => [tokens.get(world.tenantId), { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }],
    call: reset.resetPasswordAction,
    actors: [null],
    restore: restoreReset,
    // A valid run hashes a password and signs in (argon2id twice).
    runs: 60,
  },
];

hostileSuite("Password reset", session, cases, { replay: [] });
