import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { newToken } from "@/lib/iam/invitations/invitation-tokens";
import { account, bind, createTenant, GOOD_PASSWORD, insertInvitation, unique, type InvitationOptions } from "@/test/fixtures";

// The accept page's actions reach Auth.js, which does not load outside Next; the session is stubbed, signIn recorded.
const session = vi.hoisted(() => ({ actor: null as null | { id: string; email: string; name: string; isSuperAdmin: boolean; mustChangePassword?: boolean } }));
const signIn = vi.hoisted(() => vi.fn());
vi.mock("@/lib/auth/current-actor", () => ({ currentActor: async () => session.actor, requireActor: vi.fn() }));
vi.mock("@/lib/auth/auth", () => ({ signIn, signOut: vi.fn(), auth: vi.fn() }));

const { acceptAsExistingUserAction, checkPasswordAction, createAccountAction } = await import("./actions");

let tenantId: string;
let inviterId: string;


const invite = (options: InvitationOptions = {}) => insertInvitation(tenantId, inviterId, options);
const usersWithEmail = (email: string) => db().user.count({ where: { email } });

beforeAll(async () => {
  tenantId = await createTenant();
  const inviter = await db().user.create({ data: { email: `${unique("inviter")}@accept.test`, firstName: "Grace", lastName: "Hopper", accesses: { create: { tenantId } } } });
  inviterId = inviter.id;
  await bind(tenantId, inviterId, "Admin");
});

beforeEach(() => {
  session.actor = null;
  signIn.mockReset();
});

describe("accept page actions", () => {
  it("answers the common-password check with a boolean only, and only for a well-formed token", async () => {
    const { token } = await invite({ role: { name: "Viewer" } });
    expect(await checkPasswordAction(token, "password1234")).toBe(true);
    expect(await checkPasswordAction(token, GOOD_PASSWORD)).toBe(false);
    expect(await checkPasswordAction("nope", "password1234")).toBe(false);
    expect(await checkPasswordAction(token, "p".repeat(10_000))).toBe(false);
    expect(await checkPasswordAction(token, { toString: () => "password" })).toBe(false);
  });

  it("enforces the whole policy on the server and creates nothing for a weak password", async () => {
    const { token, email } = await invite({ role: { name: "Viewer" } });
    const local = email.split("@")[0];
    for (const password of ["a".repeat(11), `x${local}-with-more`, "password1234"]) {
      const result = await createAccountAction(token, account({ password, confirmPassword: password }));
      expect(result.ok).toBe(false);
      expect(result.fieldErrors?.password?.length).toBeGreaterThan(0);
    }
    expect(await usersWithEmail(email)).toBe(0);
    expect(signIn).not.toHaveBeenCalled();
  });

  it("creates the account and signs in with the new password, redirecting to the tenant", async () => {
    const { token, email } = await invite({ role: { name: "Viewer" } });
    signIn.mockImplementation(async () => {
      throw Object.assign(new Error("NEXT_REDIRECT"), { digest: `NEXT_REDIRECT;replace;/${tenantId};307;` });
    });
    await expect(createAccountAction(token, account())).rejects.toThrow("NEXT_REDIRECT");
    expect(signIn).toHaveBeenCalledWith("credentials", { email, password: GOOD_PASSWORD, redirectTo: `/${tenantId}` });
    expect(await usersWithEmail(email)).toBe(1);
  });

  it("reports an unavailable link by reason, keeping the message generic", async () => {
    const used = await invite({ role: { name: "Viewer" }, acceptedAt: new Date() });
    expect(await createAccountAction(used.token, account())).toMatchObject({ ok: false, unavailable: "used" });
    expect(await createAccountAction("x".repeat(5000), account())).toMatchObject({ ok: false, unavailable: "invalid" });
    expect(await createAccountAction(newToken(), { firstName: "x".repeat(10_000) })).toMatchObject({ ok: false, fieldErrors: expect.any(Object) });
  });

  it("lets only the signed-in invited user accept, and reports the race as used", async () => {
    const invitee = await db().user.create({ data: { email: `${unique("signed-in")}@accept.test` } });
    const { token } = await invite({ email: invitee.email, role: { name: "Viewer" } });

    expect(await acceptAsExistingUserAction(token)).toMatchObject({ ok: false });
    // A password set for them must be replaced first; nothing is accepted meanwhile.
    session.actor = { id: invitee.id, email: invitee.email, name: invitee.email, isSuperAdmin: false, mustChangePassword: true };
    expect(await acceptAsExistingUserAction(token)).toEqual({ ok: false, error: "Choose a new password before you continue." });
    expect(await db().tenantAccess.count({ where: { tenantId, userId: invitee.id } })).toBe(0);
    session.actor = { id: invitee.id, email: invitee.email, name: invitee.email, isSuperAdmin: false };
    await expect(acceptAsExistingUserAction(token)).rejects.toMatchObject({ digest: expect.stringContaining(`/${tenantId}`) });
    expect(await db().tenantAccess.count({ where: { tenantId, userId: invitee.id } })).toBe(1);
    expect(await acceptAsExistingUserAction(token)).toMatchObject({ ok: false, unavailable: "used" });
  });
});
