import { describe, expect, it, vi } from "vitest";
// First: it installs the AsyncLocalStorage that Next's request stores need before anything loads next/headers.
import { actorFromDatabase, invoke } from "@/test/hostile";
import { db } from "@/lib/db/client";
import { hashPassword, verifyPassword } from "@/lib/iam/passwords/password-hashing";
import { LIMIT_MESSAGES } from "@/lib/security/rate-limits";
import { createMember, createTenant, GOOD_PASSWORD } from "@/test/fixtures";

// The account's password action against the real rate limits and database; only the session cookie is faked
// (currentActor answers the user a test names, read from the database as lib/auth/current-actor.ts does).
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/current-actor", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/current-actor")>()),
  currentActor: async () => actorFromDatabase(session.userId),
  accountActor: async () => (await actorFromDatabase(session.userId)) ?? Promise.reject(new (await import("@/lib/iam/errors")).Forbidden("Your session has ended.")),
}));

const actions = await import("@/app/account/actions");
/** Runs an action inside Next's request scope (revalidatePath needs one), as test/hostile.ts does, answering its result. */
async function inRequest<T>(call: () => Promise<T>): Promise<T> {
  const outcome = await invoke(call);
  if (outcome.kind === "threw") throw outcome.error;
  if (outcome.kind !== "returned") throw new Error(`the action ${outcome.kind}`);
  return outcome.value as T;
}
const changePasswordAction = (input: unknown) => inRequest(() => actions.changePasswordAction(input));
const checkNewPasswordAction = (password: unknown) => inRequest(() => actions.checkNewPasswordAction(password));
const NEW_PASSWORD = "another fine passphrase 77";

async function signedInPerson() {
  const member = await createMember(await createTenant());
  await db().user.update({ where: { id: member.id }, data: { passwordHash: await hashPassword(GOOD_PASSWORD) } });
  session.userId = member.id;
  return member;
}

describe("changePasswordAction", () => {
  it("counts a wrong current password like a failed sign-in: ten lock the account, and the right one is then refused too", async () => {
    const member = await signedInPerson();
    const wrong = { currentPassword: "guess guess guess", password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD };
    for (let attempt = 1; attempt <= 9; attempt++) {
      expect(await changePasswordAction(wrong)).toMatchObject({ ok: false, fieldErrors: { currentPassword: ["That is not your current password."] } });
    }
    expect(await changePasswordAction(wrong)).toEqual({ ok: false, error: LIMIT_MESSAGES.accountLocked });
    expect(await changePasswordAction({ ...wrong, currentPassword: GOOD_PASSWORD })).toEqual({ ok: false, error: LIMIT_MESSAGES.accountLocked });
    const user = await db().user.findUniqueOrThrow({ where: { id: member.id } });
    expect(await verifyPassword(user.passwordHash!, GOOD_PASSWORD)).toBe(true);
  });

  it("does not count a refused new password against the account", async () => {
    const member = await signedInPerson();
    for (let attempt = 1; attempt <= 12; attempt++) {
      const result = await changePasswordAction({ currentPassword: GOOD_PASSWORD, password: "password1234", confirmPassword: "password1234" });
      expect(result).toMatchObject({ ok: false, fieldErrors: { password: [expect.stringMatching(/too common/)] } });
    }
    expect(await changePasswordAction({ currentPassword: GOOD_PASSWORD, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })).toEqual({ ok: true, data: { endedSessions: 0 } });
    expect(await verifyPassword((await db().user.findUniqueOrThrow({ where: { id: member.id } })).passwordHash!, NEW_PASSWORD)).toBe(true);
  });

  it("refuses a signed-out caller with a message, not an exception", async () => {
    session.userId = null;
    const result = await changePasswordAction({ currentPassword: GOOD_PASSWORD, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(result).toEqual({ ok: false, error: "Your session has ended." });
    expect(await checkNewPasswordAction("password1234")).toBe(false);
  });

  it("answers whether a new password is common, for signed-in people only", async () => {
    await signedInPerson();
    expect(await checkNewPasswordAction("password1234")).toBe(true);
    expect(await checkNewPasswordAction(NEW_PASSWORD)).toBe(false);
    expect(await checkNewPasswordAction("x".repeat(100_000))).toBe(false);
  });
});
