import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { verifyPassword } from "@/lib/iam/passwords/password-hashing";
import { isCommonPassword } from "@/lib/iam/passwords/common-passwords";
import { checkPassword } from "@/lib/iam/passwords/password-policy";
import { createAccountSchema } from "@/lib/iam/users/account-schemas";
import { acceptAsExistingUser, acceptWithNewAccount, InvitationUnavailable, viewInvitation, type UnavailableReason } from "./accept-invitation";
import { Forbidden } from "@/lib/iam/errors";
import { newToken } from "./invitation-tokens";
import { account, bind, createMember, createTenant, GOOD_PASSWORD, insertInvitation, roleId, unique, type InvitationOptions } from "@/test/fixtures";

let tenantId: string;
let inviterId: string;
let groupId: string;


/** An invitation from the tenant's inviter, as the invite flow stores it (test/fixtures.ts). */
const invite = (options: InvitationOptions = {}) => insertInvitation(tenantId, inviterId, options);

async function reasonOf(promise: Promise<unknown>): Promise<UnavailableReason | "resolved" | "other"> {
  try {
    await promise;
    return "resolved";
  } catch (error) {
    return error instanceof InvitationUnavailable ? error.reason : "other";
  }
}

const usersWithEmail = (email: string) => db().user.count({ where: { email } });

beforeAll(async () => {
  tenantId = await createTenant();
  await db().tenant.update({ where: { id: tenantId }, data: { name: "Acme Data" } });
  const inviter = await db().user.create({
    data: { email: `${unique("inviter")}@accept.test`, firstName: "Grace", lastName: "Hopper", accesses: { create: { tenantId } } },
  });
  inviterId = inviter.id;
  await bind(tenantId, inviterId, "Admin");
  const group = await db().group.create({ data: { tenantId, name: "Data team" } });
  groupId = group.id;
  await db().binding.create({ data: { tenantId, type: "GROUP", groupId, roleId: await roleId(tenantId, "Developer"), namespace: "company.team" } });
});


describe("viewInvitation", () => {
  it("shows the tenant, the inviter, the access and whether the email has an account", async () => {
    const { token, email } = await invite({ role: { name: "Viewer", namespaces: ["other", "company"] }, groupIds: [groupId] });
    const view = await viewInvitation(token);
    expect(view).toMatchObject({ email, tenantId, tenantName: "Acme Data", inviterName: "Grace Hopper", hasAccount: false });
    expect(view.accessSummary).toBe("Group Data team · Viewer on company, other");
    expect(view.access.groups.map((group) => group.name)).toEqual(["Data team"]);
    expect(view.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });
});

describe("acceptWithNewAccount", () => {
  it("creates exactly one user with the invited email, its tenant access, groups, role bindings and an audit entry", async () => {
    const { token, email, invitationId } = await invite({ role: { name: "Viewer", namespaces: ["company", "other"] }, groupIds: [groupId] });
    const result = await acceptWithNewAccount(token, account({ firstName: "  Ada ", lastName: "Lovelace" }));

    expect(result).toMatchObject({ email, tenantId });
    const users = await db().user.findMany({ where: { email } });
    expect(users).toHaveLength(1);
    const [user] = users;
    expect(user.id).toBe(result.userId);
    expect(user.superAdmin).toBe(false);
    expect(user.passwordHash).not.toContain(GOOD_PASSWORD);
    expect(await verifyPassword(user.passwordHash!, GOOD_PASSWORD)).toBe(true);
    expect(await db().tenantAccess.count({ where: { tenantId, userId: user.id } })).toBe(1);
    expect(await db().groupMembership.findMany({ where: { userId: user.id }, select: { groupId: true } })).toEqual([{ groupId }]);
    const bindings = await db().binding.findMany({ where: { userId: user.id }, include: { role: true }, orderBy: { namespace: "asc" } });
    expect(bindings.map((binding) => [binding.tenantId, binding.type, binding.role.name, binding.namespace])).toEqual([
      [tenantId, "USER", "Viewer", "company"],
      [tenantId, "USER", "Viewer", "other"],
    ]);
    const invitation = await db().invitation.findUniqueOrThrow({ where: { id: invitationId } });
    expect(invitation.acceptedAt).not.toBeNull();
    expect(invitation.acceptedById).toBe(user.id);
    const entries = await db().auditLog.findMany({ where: { tenantId, resourceId: invitationId, action: "ACCEPT" } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: user.id, actorEmail: email, resourceType: "INVITATION", namespaces: invitation.namespaces });
    expect(entries[0].details).toContain("Viewer on company, other");
    const recorded = JSON.stringify(entries.map(({ details, before, after }) => ({ details, before, after })));
    expect(recorded).not.toContain(GOOD_PASSWORD);
    expect(recorded).not.toContain(token);
  });

  it("records the acceptance as concerning what the invitation concerns", async () => {
    const { token, invitationId } = await invite({ role: { name: "Viewer", namespaces: ["other", "company"] } });
    await acceptWithNewAccount(token, account());
    const entry = await db().auditLog.findFirstOrThrow({ where: { tenantId, resourceId: invitationId, action: "ACCEPT" } });
    expect(entry.namespaces).toEqual(["company", "other"]);
  });

  it("binds a role without namespaces tenant-wide", async () => {
    const { token, email } = await invite({ role: { name: "Viewer" } });
    const { userId } = await acceptWithNewAccount(token, account());
    const bindings = await db().binding.findMany({ where: { userId } });
    expect(bindings.map((binding) => binding.namespace)).toEqual([null]);
    expect(await usersWithEmail(email)).toBe(1);
  });

  it("of 20 concurrent accepts of one token exactly one succeeds; the others see it used", async () => {
    const { token, email, invitationId } = await invite({ role: { name: "Viewer" } });
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => acceptWithNewAccount(token, account({ firstName: `Racer ${i}` }))));

    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    const rejections = outcomes.filter((outcome) => outcome.status === "rejected");
    expect(rejections).toHaveLength(19);
    for (const rejection of rejections) {
      expect(rejection.reason).toBeInstanceOf(InvitationUnavailable);
      expect((rejection.reason as InvitationUnavailable).reason).toBe("used");
    }
    expect(await usersWithEmail(email)).toBe(1);
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    expect(await db().binding.count({ where: { userId: user.id } })).toBe(1);
    expect(await db().tenantAccess.count({ where: { userId: user.id } })).toBe(1);
    expect(await db().auditLog.count({ where: { resourceId: invitationId, action: "ACCEPT" } })).toBe(1);
  });

  it.each<[string, UnavailableReason, () => Promise<{ token: string; email: string }>]>([
    ["expired", "expired", () => invite({ role: { name: "Viewer" }, expiresAt: new Date(Date.now() - 1000) })],
    ["revoked", "revoked", () => invite({ role: { name: "Viewer" }, revokedAt: new Date() })],
    ["already accepted", "used", () => invite({ role: { name: "Viewer" }, acceptedAt: new Date() })],
    ["unknown", "invalid", async () => ({ token: newToken(), email: `${unique("nobody")}@accept.test` })],
    ["tampered", "invalid", async () => {
      const { token, email } = await invite({ role: { name: "Viewer" } });
      return { token: token.slice(0, -1) + (token.endsWith("A") ? "B" : "A"), email };
    }],
    ["malformed", "invalid", async () => ({ token: "not-a-token", email: `${unique("nobody")}@accept.test` })],
    ["oversized", "invalid", async () => ({ token: "A".repeat(100_000), email: `${unique("nobody")}@accept.test` })],
    ["hostile", "invalid", async () => ({ token: "'; DROP TABLE invitations; --", email: `${unique("nobody")}@accept.test` })],
  ])("a %s link is %s and creates nothing", async (_label, reason, arrange) => {
    const { token, email } = await arrange();
    const usersBefore = await db().user.count();
    expect(await reasonOf(viewInvitation(token))).toBe(reason);
    expect(await reasonOf(acceptWithNewAccount(token, account()))).toBe(reason);
    expect(await usersWithEmail(email)).toBe(0);
    expect(await db().user.count()).toBe(usersBefore);
  });

  it("refuses when the inviter no longer holds the access, and leaves the invitation pending", async () => {
    const formerAdmin = await createMember(tenantId);
    await bind(tenantId, formerAdmin.id, "Admin");
    const { token, email, invitationId } = await invite({ role: { name: "Developer", namespaces: ["company"] }, invitedById: formerAdmin.id });
    await db().binding.deleteMany({ where: { userId: formerAdmin.id } });

    expect(await reasonOf(acceptWithNewAccount(token, account()))).toBe("refused");
    expect(await usersWithEmail(email)).toBe(0);
    const invitation = await db().invitation.findUniqueOrThrow({ where: { id: invitationId } });
    expect(invitation.acceptedAt).toBeNull();
    expect(await db().auditLog.count({ where: { resourceId: invitationId, action: "ACCEPT" } })).toBe(0);
  });

  it("refuses when the inviter's account is gone", async () => {
    const { token, email } = await invite({ role: { name: "Viewer" }, invitedById: null });
    expect(await reasonOf(viewInvitation(token))).toBe("refused");
    expect(await reasonOf(acceptWithNewAccount(token, account()))).toBe("refused");
    expect(await usersWithEmail(email)).toBe(0);
  });

  it("answers used, not an error, when an account with the email appeared in the meantime", async () => {
    const { token, email } = await invite({ role: { name: "Viewer" } });
    await db().user.create({ data: { email } });
    expect(await reasonOf(acceptWithNewAccount(token, account()))).toBe("used");
    expect(await usersWithEmail(email)).toBe(1);
    expect(await db().invitation.count({ where: { email, acceptedAt: { not: null } } })).toBe(0);
  });
});

describe("acceptAsExistingUser", () => {
  it("refuses another user, grants the invited user, and works only once", async () => {
    const invitee = await db().user.create({ data: { email: `${unique("existing")}@accept.test`, firstName: "Existing", lastName: "User" } });
    const stranger = await createMember(tenantId);
    const { token, invitationId } = await invite({ email: invitee.email, role: { name: "Viewer", namespaces: ["company"] }, groupIds: [groupId] });
    expect((await viewInvitation(token)).hasAccount).toBe(true);

    await expect(acceptAsExistingUser(token, stranger.id)).rejects.toBeInstanceOf(Forbidden);
    expect(await db().binding.count({ where: { userId: stranger.id } })).toBe(0);
    expect((await db().invitation.findUniqueOrThrow({ where: { id: invitationId } })).acceptedAt).toBeNull();

    expect(await acceptAsExistingUser(token, invitee.id)).toEqual({ tenantId, awaitingMfa: false });
    expect(await db().tenantAccess.count({ where: { tenantId, userId: invitee.id } })).toBe(1);
    expect(await db().groupMembership.count({ where: { groupId, userId: invitee.id } })).toBe(1);
    const bindings = await db().binding.findMany({ where: { userId: invitee.id }, select: { namespace: true } });
    expect(bindings).toEqual([{ namespace: "company" }]);
    expect(await db().auditLog.count({ where: { resourceId: invitationId, action: "ACCEPT", actorId: invitee.id } })).toBe(1);

    expect(await reasonOf(acceptAsExistingUser(token, invitee.id))).toBe("used");
  });

  it("of 20 concurrent accepts by the invited user exactly one succeeds", async () => {
    const invitee = await db().user.create({ data: { email: `${unique("concurrent")}@accept.test` } });
    const { token, invitationId } = await invite({ email: invitee.email, role: { name: "Viewer" } });
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => acceptAsExistingUser(token, invitee.id)));
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    for (const outcome of outcomes.filter((outcome) => outcome.status === "rejected")) {
      expect((outcome.reason as InvitationUnavailable).reason).toBe("used");
    }
    expect(await db().auditLog.count({ where: { resourceId: invitationId, action: "ACCEPT" } })).toBe(1);
    expect(await db().binding.count({ where: { userId: invitee.id } })).toBe(1);
  });

  it("refuses a disabled account with the invited email", async () => {
    const invitee = await db().user.create({ data: { email: `${unique("disabled")}@accept.test`, disabled: true } });
    const { token } = await invite({ email: invitee.email, role: { name: "Viewer" } });
    await expect(acceptAsExistingUser(token, invitee.id)).rejects.toBeInstanceOf(Forbidden);
    expect(await db().tenantAccess.count({ where: { userId: invitee.id } })).toBe(0);
  });
});

describe("password policy", () => {
  const email = "ada.lovelace@accept.test";

  it("rejects 11 characters, accepts 12, bounds the length", () => {
    expect(createAccountSchema.safeParse(account({ password: "a".repeat(11), confirmPassword: "a".repeat(11) })).success).toBe(false);
    expect(createAccountSchema.safeParse(account({ password: "b".repeat(12), confirmPassword: "b".repeat(12) })).success).toBe(true);
    const huge = "x".repeat(100_000);
    expect(createAccountSchema.safeParse(account({ password: huge, confirmPassword: huge })).success).toBe(false);
  });

  it("rejects mismatched confirmation, empty, oversized and control-character names", () => {
    expect(createAccountSchema.safeParse(account({ confirmPassword: `${GOOD_PASSWORD}!` })).success).toBe(false);
    expect(createAccountSchema.safeParse(account({ firstName: "   " })).success).toBe(false);
    expect(createAccountSchema.safeParse(account({ lastName: "x".repeat(101) })).success).toBe(false);
    expect(createAccountSchema.safeParse(account({ firstName: "Ada\u0000" })).success).toBe(false);
    expect(createAccountSchema.safeParse({ ...account(), firstName: 42 }).success).toBe(false);
  });

  it("flags a password containing the email's local part, and common passwords", () => {
    const unmet = (password: string) => checkPassword(password, email, isCommonPassword(password)).filter((check) => !check.isMet).map((check) => check.id);
    expect(unmet("my-ADA.LOVELACE-secret")).toEqual(["email"]);
    expect(unmet("password1234")).toEqual(["common"]);
    expect(isCommonPassword("password1234")).toBe(true);
    expect(unmet("zq8#Kv")).toEqual(["length"]);
    expect(unmet(GOOD_PASSWORD)).toEqual([]);
    expect(unmet("")).toEqual(["length", "email", "common"]);
  });
});
