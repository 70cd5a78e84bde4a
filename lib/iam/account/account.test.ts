import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { resolveSession, startSession } from "@/lib/auth/sessions";
import type { SessionActor } from "@/lib/iam/authz/actor";
import { getOwnAccount, listOwnSessions } from "@/lib/iam/account/account-reads";
import { changeOwnPassword, endOtherOwnSessions, endOwnSession, unlinkOwnSsoAccount, updateOwnProfile, WrongCurrentPassword } from "@/lib/iam/account/account-writes";
import { describeUserAgent } from "@/lib/iam/account/user-agent";
import { Forbidden, Invalid, NotFound } from "@/lib/iam/errors";
import { hashPassword, verifyPassword } from "@/lib/iam/passwords/password-hashing";
import { createMember, createTenant, GOOD_PASSWORD, unique } from "@/test/fixtures";

const FIREFOX_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:133.0) Gecko/20100101 Firefox/133.0";
const CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const NEW_PASSWORD = "a brand new passphrase 2026";

/** A member with a password, signed in twice (two browsers); the actor acts from the first session. */
async function personWithTwoSessions(options: { password?: string | null; mustChangePassword?: boolean } = {}) {
  const tenantId = await createTenant();
  const member = await createMember(tenantId);
  const password = options.password === undefined ? GOOD_PASSWORD : options.password;
  await db().user.update({
    where: { id: member.id },
    data: { passwordHash: password === null ? null : await hashPassword(password), mustChangePassword: options.mustChangePassword ?? false },
  });
  const current = await startSession(member.id, { userAgent: FIREFOX_MAC, address: "203.0.113.7" });
  const other = await startSession(member.id, { userAgent: CHROME_WINDOWS });
  const actor: SessionActor = {
    id: member.id,
    email: member.email,
    name: member.email,
    isSuperAdmin: false,
    sessionId: current,
    mustChangePassword: options.mustChangePassword ?? false,
    amr: ["password"],
    authenticatedAt: new Date(),
  };
  return { tenantId, member, actor, current, other };
}

const selfAudits = (userId: string) => db().auditLog.findMany({ where: { resourceId: userId, tenantId: null }, orderBy: { id: "asc" } });

describe("reading one's own account", () => {
  it("shows the profile, the tenants, the linked sign-ins and the live sessions, the current one first", async () => {
    const { tenantId, member, actor, current, other } = await personWithTwoSessions();
    await db().account.create({ data: { userId: member.id, provider: "oidc", providerAccountId: "sub-123" } });
    const account = await getOwnAccount(actor);
    expect(account).toMatchObject({ email: member.email, firstName: "Test", lastName: "User", hasPassword: true, isSuperAdmin: false });
    expect(account.tenants).toEqual([{ id: tenantId, name: tenantId }]);
    expect(account.linkedAccounts).toEqual([expect.objectContaining({ provider: "oidc", subject: "sub-123" })]);
    expect(JSON.stringify(account)).not.toContain("argon2");

    const sessions = await listOwnSessions(actor);
    expect(sessions.map((session) => [session.id, session.isCurrent])).toEqual([
      [current, true],
      [other, false],
    ]);
    expect(sessions[0]).toMatchObject({ browser: "Firefox 133", os: "macOS Sonoma", address: "203.0.113.7" });
    expect(sessions[1]).toMatchObject({ browser: "Chrome 131", os: "Windows 10", address: null });
  });

  it("never lists another person's sessions, nor ended ones", async () => {
    const { actor } = await personWithTwoSessions();
    const stranger = await personWithTwoSessions();
    await db().session.updateMany({ where: { id: stranger.other }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const mine = await listOwnSessions(actor);
    expect(mine.map((session) => session.id)).not.toContain(stranger.current);
    expect((await listOwnSessions(stranger.actor)).map((session) => session.id)).toEqual([stranger.current]);
  });

  it("describes user agents it cannot read without guessing", () => {
    expect(describeUserAgent("")).toEqual({ browser: "Unknown browser", os: "unknown system" });
    expect(describeUserAgent("curl/8.5.0").browser).toMatch(/curl|Unknown browser/);
    expect(describeUserAgent("<script>alert(1)</script>")).toEqual({ browser: "Unknown browser", os: "unknown system" });
  });
});

describe("updating one's own profile", () => {
  it("renames, audited with no tenant, before and after; refuses bad names and changes nothing", async () => {
    const { member, actor } = await personWithTwoSessions();
    await updateOwnProfile(actor, { firstName: "  Grace ", lastName: "Hopper" });
    expect(await db().user.findUniqueOrThrow({ where: { id: member.id } })).toMatchObject({ firstName: "Grace", lastName: "Hopper" });
    const [entry] = await selfAudits(member.id);
    expect(entry).toMatchObject({ resourceType: "USER", action: "UPDATE", actorId: member.id, before: { firstName: "Test", lastName: "User" }, after: { firstName: "Grace", lastName: "Hopper" } });

    for (const input of [{ firstName: "", lastName: "x" }, { firstName: "x".repeat(101), lastName: "x" }, { firstName: "A\u202eB", lastName: "x" }, { firstName: 42 }, null]) {
      await expect(updateOwnProfile(actor, input)).rejects.toBeInstanceOf(Invalid);
    }
    expect(await selfAudits(member.id)).toHaveLength(1);
  });

  it("writes nothing when nothing changed", async () => {
    const { member, actor } = await personWithTwoSessions();
    await updateOwnProfile(actor, { firstName: "Test", lastName: "User" });
    expect(await selfAudits(member.id)).toHaveLength(0);
  });
});

describe("changing one's own password", () => {
  const change = (overrides: Record<string, unknown> = {}) => ({ currentPassword: GOOD_PASSWORD, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, ...overrides });

  it("replaces the hash (argon2id), ends every other session but this one, clears a pending change, and is audited", async () => {
    const { member, actor, current, other } = await personWithTwoSessions({ mustChangePassword: true });
    expect(await changeOwnPassword(actor, change())).toEqual({ endedSessions: 1 });
    const user = await db().user.findUniqueOrThrow({ where: { id: member.id } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user.passwordHash!, NEW_PASSWORD)).toBe(true);
    expect(user).toMatchObject({ mustChangePassword: false, passwordChangedAt: expect.any(Date) });
    expect(await resolveSession(current, member.id)).not.toBeNull();
    expect(await resolveSession(other, member.id)).toBeNull();
    const [entry] = await selfAudits(member.id);
    expect(entry.details).toBe(`${member.email} changed their password (1 other sessions signed out)`);
    expect(JSON.stringify({ ...entry, id: String(entry.id) })).not.toContain(NEW_PASSWORD);
  });

  it("refuses a wrong current password, a weak, email-like, common or unchanged new one, and mismatched confirmations; nothing changes", async () => {
    const { member, actor, other } = await personWithTwoSessions();
    const before = (await db().user.findUniqueOrThrow({ where: { id: member.id } })).passwordHash;
    await expect(changeOwnPassword(actor, change({ currentPassword: "not it at all" }))).rejects.toBeInstanceOf(WrongCurrentPassword);
    const refusals: [Record<string, unknown>, string, RegExp][] = [
      [{ password: "short", confirmPassword: "short" }, "password", /at least 12/],
      [{ password: `${member.email}!!`, confirmPassword: `${member.email}!!` }, "password", /email/],
      [{ password: "password1234", confirmPassword: "password1234" }, "password", /too common/],
      [{ password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD }, "password", /different from your current/],
      [{ confirmPassword: `${NEW_PASSWORD}!` }, "confirmPassword", /don't match/],
      [{ currentPassword: "" }, "currentPassword", /current password/],
      [{ password: "x".repeat(10_000), confirmPassword: "x".repeat(10_000) }, "password", /at most/],
    ];
    for (const [overrides, field, message] of refusals) {
      const error = await changeOwnPassword(actor, change(overrides)).catch((caught: unknown) => caught);
      expect(error, JSON.stringify(overrides).slice(0, 80)).toBeInstanceOf(Invalid);
      expect((error as Invalid).fieldErrors?.[field]?.join(" ")).toMatch(message);
    }
    expect((await db().user.findUniqueOrThrow({ where: { id: member.id } })).passwordHash).toBe(before);
    expect(await resolveSession(other, member.id)).not.toBeNull();
    expect(await selfAudits(member.id)).toHaveLength(0);
  });

  it("tells an SSO-only person they have no password to change", async () => {
    const { actor } = await personWithTwoSessions({ password: null });
    await expect(changeOwnPassword(actor, change())).rejects.toThrow(/no password/);
  });

  it("of two concurrent changes from the same old password, exactly one wins", async () => {
    const { member, actor } = await personWithTwoSessions();
    const results = await Promise.allSettled([
      changeOwnPassword(actor, change()),
      changeOwnPassword(actor, change({ password: `${NEW_PASSWORD} two`, confirmPassword: `${NEW_PASSWORD} two` })),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await selfAudits(member.id)).toHaveLength(1);
  });
});

describe("ending one's own sessions", () => {
  it("ends another session of one's own, not this one, and never someone else's", async () => {
    const { member, actor, current, other } = await personWithTwoSessions();
    const stranger = await personWithTwoSessions();
    await expect(endOwnSession(actor, current)).rejects.toBeInstanceOf(Invalid);
    await expect(endOwnSession(actor, stranger.other)).rejects.toBeInstanceOf(NotFound);
    expect(await resolveSession(stranger.other, stranger.member.id)).not.toBeNull();
    for (const forged of ["not-a-uuid", "", 42, null, { id: other }]) await expect(endOwnSession(actor, forged)).rejects.toBeInstanceOf(Invalid);

    await endOwnSession(actor, other);
    expect(await resolveSession(other, member.id)).toBeNull();
    expect(await resolveSession(current, member.id)).not.toBeNull();
    await expect(endOwnSession(actor, other)).rejects.toThrow("That session has already ended.");
    expect(await selfAudits(member.id)).toHaveLength(1);
  });

  it("signs out everywhere else, keeping this session", async () => {
    const { member, actor, current } = await personWithTwoSessions();
    await startSession(member.id, {});
    expect(await endOtherOwnSessions(actor)).toEqual({ endedSessions: 2 });
    expect((await db().session.findMany({ where: { userId: member.id } })).map((session) => session.id)).toEqual([current]);
    expect(await endOtherOwnSessions(actor)).toEqual({ endedSessions: 0 });
    expect(await selfAudits(member.id)).toHaveLength(1);
  });
});

describe("linked sign-in methods", () => {
  it("unlinks an SSO identity while a password remains, never the only way in, never someone else's", async () => {
    const withPassword = await personWithTwoSessions();
    const linked = await db().account.create({ data: { userId: withPassword.member.id, provider: "oidc", providerAccountId: unique("sub") } });
    const ssoOnly = await personWithTwoSessions({ password: null });
    const only = await db().account.create({ data: { userId: ssoOnly.member.id, provider: "oidc", providerAccountId: unique("sub") } });

    await expect(unlinkOwnSsoAccount(withPassword.actor, only.id)).rejects.toBeInstanceOf(NotFound);
    await expect(unlinkOwnSsoAccount(ssoOnly.actor, only.id)).rejects.toThrow(/lock you out/);
    expect(await db().account.count({ where: { id: only.id } })).toBe(1);

    await unlinkOwnSsoAccount(withPassword.actor, linked.id);
    expect(await db().account.count({ where: { id: linked.id } })).toBe(0);
    expect((await selfAudits(withPassword.member.id))[0].details).toContain("unlinked their oidc sign-in");
  });
});

describe("a password change pending (generated or one-time password)", () => {
  it("allows changing the password and nothing else", async () => {
    const { actor, other } = await personWithTwoSessions({ mustChangePassword: true });
    await expect(updateOwnProfile(actor, { firstName: "A", lastName: "B" })).rejects.toBeInstanceOf(Forbidden);
    await expect(endOwnSession(actor, other)).rejects.toBeInstanceOf(Forbidden);
    await expect(endOtherOwnSessions(actor)).rejects.toBeInstanceOf(Forbidden);
  });
});
