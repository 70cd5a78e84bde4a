import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { bind, createMember, createTenant, roleId } from "@/test/fixtures";
import { acceptViaSso, SsoAcceptanceRefused, type SsoIdentity } from "./accept-invitation";
import { resolveSsoSignIn } from "@/lib/iam/users/sso-sign-in";
import { hashToken, newToken } from "./invitation-tokens";

let tenant: string;
let inviterId: string;

beforeAll(async () => {
  tenant = await createTenant();
  const inviter = await createMember(tenant);
  inviterId = inviter.id;
  await bind(tenant, inviter.id, "Admin");
});

const identity = (email: string | null, overrides: Partial<SsoIdentity> = {}): SsoIdentity => ({
  provider: "oidc",
  subject: randomUUID(),
  email,
  isEmailVerified: true,
  firstName: "Grace",
  lastName: "Hopper",
  ...overrides,
});

async function invite(email: string, expiresInMs = 86_400_000) {
  return db().invitation.create({
    data: {
      tenantId: tenant,
      email,
      tokenHash: hashToken(newToken()),
      invitedById: inviterId,
      expiresAt: new Date(Date.now() + expiresInMs),
      roles: { create: [{ roleId: await roleId(tenant, "Viewer"), namespaces: ["company"] }] },
    },
  });
}

const address = () => `sso-${randomUUID().slice(0, 8)}@test.example`;

describe("acceptViaSso (real PostgreSQL)", () => {
  it("creates the user without a password, links the account and grants exactly the invited access", async () => {
    const email = address();
    const invitation = await invite(email);
    const who = identity(email.toUpperCase());
    const { userId } = await acceptViaSso(invitation.id, who);
    const user = await db().user.findUniqueOrThrow({ where: { id: userId }, include: { accounts: true, bindings: { include: { role: true } }, accesses: true } });
    expect(user).toMatchObject({ email, passwordHash: null, firstName: "Grace" });
    expect(user.accounts.map((account) => account.providerAccountId)).toEqual([who.subject]);
    expect(user.accesses.map((access) => access.tenantId)).toEqual([tenant]);
    expect(user.bindings.map((binding) => [binding.role.name, binding.namespace])).toEqual([["Viewer", "company"]]);
    expect((await db().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).acceptedById).toBe(userId);
    await expect(acceptViaSso(invitation.id, identity(email))).rejects.toMatchObject({ reason: "used" });
  });

  it.each([
    ["email-mismatch", (email: string) => identity(`someone-else-${email}`)],
    ["unverified-email", (email: string) => identity(email, { isEmailVerified: false })],
    ["unverified-email", () => identity(null)],
  ] as const)("refuses (%s) and creates nothing", async (reason, who) => {
    const email = address();
    const invitation = await invite(email);
    await expect(acceptViaSso(invitation.id, who(email))).rejects.toEqual(new SsoAcceptanceRefused(reason));
    expect(await db().user.count({ where: { email } })).toBe(0);
    expect((await db().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).acceptedAt).toBeNull();
  });

  it("refuses expired, revoked and unknown invitations", async () => {
    const expired = await invite(address(), -1000);
    await expect(acceptViaSso(expired.id, identity(expired.email))).rejects.toMatchObject({ reason: "expired" });
    const revoked = await invite(address());
    await db().invitation.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    await expect(acceptViaSso(revoked.id, identity(revoked.email))).rejects.toMatchObject({ reason: "revoked" });
    await expect(acceptViaSso(randomUUID(), identity(address()))).rejects.toMatchObject({ reason: "invalid" });
    expect(await db().user.count({ where: { email: { in: [expired.email, revoked.email] } } })).toBe(0);
  });
});

describe("resolveSsoSignIn (no default role configured)", () => {
  it("signs in a linked account, links an existing user by verified email on first use, refuses strangers", async () => {
    const member = await createMember(tenant);
    const first = identity(member.email);
    expect(await resolveSsoSignIn(first)).toEqual({ ok: true, userId: member.id });
    expect(await db().account.count({ where: { userId: member.id } })).toBe(1);
    expect(await resolveSsoSignIn({ ...first, email: "changed-at-the-idp@test.example" })).toEqual({ ok: true, userId: member.id });

    expect(await resolveSsoSignIn(identity(address()))).toEqual({ ok: false, reason: "unknown-user" });
    const other = await createMember(tenant);
    expect(await resolveSsoSignIn(identity(other.email, { isEmailVerified: false }))).toEqual({ ok: false, reason: "unverified-email" });
    expect(await db().account.count({ where: { userId: other.id } })).toBe(0);
  });

  it("refuses a disabled user", async () => {
    const member = await createMember(tenant);
    await db().user.update({ where: { id: member.id }, data: { disabled: true } });
    expect(await resolveSsoSignIn(identity(member.email))).toEqual({ ok: false, reason: "disabled" });
  });
});
