import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { resolveSession, startSession } from "@/lib/auth/sessions";
import { requestPasswordReset, resetPassword, ResetUnavailable, viewPasswordReset } from "@/lib/iam/account/password-resets";
import { Invalid } from "@/lib/iam/errors";
import { hashToken } from "@/lib/iam/invitations/invitation-tokens";
import { hashPassword, verifyPassword } from "@/lib/iam/passwords/password-hashing";
import { sendPasswordReset } from "@/lib/iam/users/user-writes";
import { actorFor, bind, createMember, createTenant, GOOD_PASSWORD } from "@/test/fixtures";

// Email is configured (a key, no server): what matters here is what lands in the outbox, which outbox.test.ts sends.
vi.hoisted(() => {
  vi.stubEnv("RESEND_API_KEY", "re_password_resets_test");
  vi.stubEnv("APP_URL", "https://iam.example.test");
});

const ORIGIN = "http://localhost:3000";
const NEW_PASSWORD = "a reset passphrase for 2027";
const client = { origin: ORIGIN, where: "from Firefox 133 on Linux" };

async function person(options: { password?: boolean; disabled?: boolean } = {}) {
  const tenantId = await createTenant();
  const member = await createMember(tenantId);
  await db().user.update({
    where: { id: member.id },
    data: { passwordHash: options.password === false ? null : await hashPassword(GOOD_PASSWORD), disabled: options.disabled ?? false },
  });
  return { tenantId, member };
}

const outboxTo = (to: string) => db().emailOutbox.findMany({ where: { to }, orderBy: { createdAt: "asc" } });
/** The token inside the newest reset email to an address (the outbox keeps the body until it is sent). */
async function tokenFromEmail(to: string): Promise<string> {
  const emails = await outboxTo(to);
  const match = /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(emails.at(-1)!.text);
  return match![1];
}

describe("asking for a reset link", () => {
  it("emails a single-use link (only its hash stored) to an account with a password, on APP_URL, and audits the request", async () => {
    const { member } = await person();
    expect(await requestPasswordReset(` ${member.email.toUpperCase()} `, ORIGIN)).toBe("emailed");
    const [email] = await outboxTo(member.email);
    expect(email).toMatchObject({ subject: "Reset your IAM Console password", status: "QUEUED", invitationId: null, passwordResetId: expect.any(String) });
    expect(email.text).toContain("https://iam.example.test/reset-password/");
    const token = await tokenFromEmail(member.email);
    const reset = await db().passwordReset.findUniqueOrThrow({ where: { id: email.passwordResetId! } });
    expect(reset.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(reset)).not.toContain(token);
    expect(reset.expiresAt.getTime() - reset.createdAt.getTime()).toBe(3600_000);
    expect(await db().auditLog.count({ where: { resourceId: member.id, details: { contains: "at their request" } } })).toBe(1);
    expect(await viewPasswordReset(token)).toEqual({ ok: true, email: member.email });
  });

  it("tells an SSO-only account to sign in with SSO, and sends nothing for unknown or disabled accounts", async () => {
    const { member: ssoOnly } = await person({ password: false });
    expect(await requestPasswordReset(ssoOnly.email, ORIGIN)).toBe("sso-notice");
    const [notice] = await outboxTo(ssoOnly.email);
    expect(notice.subject).toBe("Your IAM Console account signs in with single sign-on");
    expect(notice.text).not.toMatch(/reset-password/);

    const { member: disabled } = await person({ disabled: true });
    expect(await requestPasswordReset(disabled.email, ORIGIN)).toBe("nothing");
    expect(await requestPasswordReset("nobody-at-all@reset.test", ORIGIN)).toBe("nothing");
    expect(await outboxTo(disabled.email)).toHaveLength(0);
    expect(await outboxTo("nobody-at-all@reset.test")).toHaveLength(0);
  });

  it("a newer link supersedes the open one", async () => {
    const { member } = await person();
    await requestPasswordReset(member.email, ORIGIN);
    const first = await tokenFromEmail(member.email);
    await requestPasswordReset(member.email, ORIGIN);
    const second = await tokenFromEmail(member.email);
    expect(await viewPasswordReset(first)).toEqual({ ok: false, reason: "superseded" });
    expect(await viewPasswordReset(second)).toMatchObject({ ok: true });
  });
});

describe("resetting the password with the link", () => {
  it("sets the password (argon2id), ends every session, clears a pending change, tells the person, and works once", async () => {
    const { member } = await person();
    await db().user.update({ where: { id: member.id }, data: { mustChangePassword: true } });
    const sessions = [await startSession(member.id, {}), await startSession(member.id, {})];
    await requestPasswordReset(member.email, ORIGIN);
    const token = await tokenFromEmail(member.email);

    expect(await resetPassword(token, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, client)).toEqual({ email: member.email });
    const user = await db().user.findUniqueOrThrow({ where: { id: member.id } });
    expect(await verifyPassword(user.passwordHash!, NEW_PASSWORD)).toBe(true);
    expect(user).toMatchObject({ mustChangePassword: false, passwordChangedAt: expect.any(Date) });
    for (const id of sessions) expect(await resolveSession(id, member.id)).toBeNull();
    const notice = (await outboxTo(member.email)).find((email) => email.subject === "Your IAM Console password was changed");
    expect(notice?.text).toContain("from Firefox 133 on Linux");
    const [entry] = await db().auditLog.findMany({ where: { resourceId: member.id, details: { contains: "reset their password" } } });
    expect(entry.details).toBe(`${member.email} reset their password with a reset link (2 sessions signed out)`);

    await expect(resetPassword(token, { password: `${NEW_PASSWORD}!`, confirmPassword: `${NEW_PASSWORD}!` }, client)).rejects.toMatchObject({ reason: "used" });
    expect(await viewPasswordReset(token)).toEqual({ ok: false, reason: "used" });
  });

  it("refuses a weak password or mismatched confirmation and keeps the link; malformed, unknown and expired links say so", async () => {
    const { member } = await person();
    await requestPasswordReset(member.email, ORIGIN);
    const token = await tokenFromEmail(member.email);
    await expect(resetPassword(token, { password: "password1234", confirmPassword: "password1234" }, client)).rejects.toBeInstanceOf(Invalid);
    await expect(resetPassword(token, { password: NEW_PASSWORD, confirmPassword: "other" }, client)).rejects.toBeInstanceOf(Invalid);
    await expect(resetPassword(token, null, client)).rejects.toBeInstanceOf(Invalid);
    expect(await viewPasswordReset(token)).toMatchObject({ ok: true });

    for (const forged of ["", "short", "x".repeat(43), `${token}x`, 42, null, { token }]) {
      expect(await viewPasswordReset(forged)).toEqual({ ok: false, reason: "invalid" });
      await expect(resetPassword(forged, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, client)).rejects.toBeInstanceOf(ResetUnavailable);
    }
    const later = new Date(Date.now() + 2 * 3600_000);
    expect(await viewPasswordReset(token, later)).toEqual({ ok: false, reason: "expired" });
    await expect(resetPassword(token, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, client, later)).rejects.toMatchObject({ reason: "expired" });
  });

  it("of two concurrent uses of one link, exactly one sets the password", async () => {
    const { member } = await person();
    await requestPasswordReset(member.email, ORIGIN);
    const token = await tokenFromEmail(member.email);
    const results = await Promise.allSettled([
      resetPassword(token, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, client),
      resetPassword(token, { password: `${NEW_PASSWORD} b`, confirmPassword: `${NEW_PASSWORD} b` }, client),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
  });

  it("a disabled person's link does not work", async () => {
    const { member } = await person();
    await requestPasswordReset(member.email, ORIGIN);
    const token = await tokenFromEmail(member.email);
    await db().user.update({ where: { id: member.id }, data: { disabled: true } });
    expect(await viewPasswordReset(token)).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("an admin sends a reset link", () => {
  it("emails it (naming the admin), supersedes older links, audits in the tenant; refuses a Viewer", async () => {
    const { tenantId, member } = await person();
    const admin = await createMember(tenantId);
    await bind(tenantId, admin.id, "Admin");
    await requestPasswordReset(member.email, ORIGIN);
    const own = await tokenFromEmail(member.email);
    expect(await sendPasswordReset(await actorFor(admin.id, tenantId), member.id, ORIGIN)).toEqual({ delivery: "QUEUED" });
    expect(await viewPasswordReset(own)).toEqual({ ok: false, reason: "superseded" });
    const sent = (await outboxTo(member.email)).at(-1)!;
    expect(sent.text).toContain("sent you a link to choose a new password");
    expect(await db().auditLog.count({ where: { tenantId, resourceId: member.id, details: `Emailed a password reset link to ${member.email}` } })).toBe(1);

    const viewer = await createMember(tenantId);
    await bind(tenantId, viewer.id, "Viewer");
    await expect(sendPasswordReset(await actorFor(viewer.id, tenantId), member.id, ORIGIN)).rejects.toThrow(/USER:UPDATE/);
  });
});
