import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { Conflict, Forbidden, Invalid } from "@/lib/iam/errors";
import { authenticateWithPassword } from "@/lib/auth/credentials";
import { verifyPassword } from "@/lib/iam/passwords/password-hashing";
import { createUserDirectly, mayCreateUsers } from "@/lib/iam/users/create-user";
import { actorFor, bind, createMember, createTenant, roleId, unique } from "@/test/fixtures";

// "Create user directly" (docs/rules.md § Accounts 9), against the real database and the real sign-in.

async function tenantWithAdmin() {
  const tenantId = await createTenant();
  const admin = await createMember(tenantId);
  await bind(tenantId, admin.id, "Admin");
  return { tenantId, admin: await actorFor(admin.id, tenantId) };
}

const input = (tenantRoleId: string, overrides: Record<string, unknown> = {}) => ({
  email: `${unique("direct")}@create.test`,
  firstName: "Dorothy",
  lastName: "Vaughan",
  access: { mode: "ROLE", roleId: tenantRoleId, namespaces: ["company"] },
  signIn: "ONE_TIME_PASSWORD",
  ...overrides,
});

describe("creating a user directly", () => {
  it("with a one-time password: shown once, only its hash stored, must be changed at first sign-in; the access applied and audited", async () => {
    const { tenantId, admin } = await tenantWithAdmin();
    const data = input(await roleId(tenantId, "Developer"));
    const created = await createUserDirectly(admin, { ...data, email: ` ${data.email.toUpperCase()} ` });
    expect(created.email).toBe(data.email);
    expect(created.oneTimePassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const user = await db().user.findUniqueOrThrow({ where: { id: created.userId }, include: { accesses: true, bindings: { include: { role: true } } } });
    expect(user).toMatchObject({ firstName: "Dorothy", lastName: "Vaughan", mustChangePassword: true });
    expect(user.passwordHash).not.toContain(created.oneTimePassword);
    expect(await verifyPassword(user.passwordHash!, created.oneTimePassword!)).toBe(true);
    expect(user.accesses.map((access) => access.tenantId)).toEqual([tenantId]);
    expect(user.bindings.map((binding) => [binding.role.name, binding.namespace])).toEqual([["Developer", "company"]]);
    expect(await authenticateWithPassword(data.email, created.oneTimePassword!)).toMatchObject({ id: created.userId });
    const [entry] = await db().auditLog.findMany({ where: { tenantId, resourceId: created.userId } });
    expect(entry).toMatchObject({ action: "CREATE", details: `Created ${data.email} directly (Developer on company; one-time password)` });
    expect(JSON.stringify(entry.after)).not.toContain(created.oneTimePassword);
  });

  it("for single sign-on only: no password, nothing to change", async () => {
    const { tenantId, admin } = await tenantWithAdmin();
    const sso = input(await roleId(tenantId, "Viewer"), { signIn: "SSO", access: { mode: "ROLE", roleId: await roleId(tenantId, "Viewer"), namespaces: [] } });
    const created = await createUserDirectly(admin, sso, { ssoAvailable: true });
    expect(created.oneTimePassword).toBeUndefined();
    expect(await db().user.findUniqueOrThrow({ where: { id: created.userId } })).toMatchObject({ passwordHash: null, mustChangePassword: false });
  });

  it("refuses single sign-on only where SSO is not configured (the account could never sign in); nothing is created", async () => {
    const { tenantId, admin } = await tenantWithAdmin();
    const sso = input(await roleId(tenantId, "Viewer"), { signIn: "SSO" });
    await expect(createUserDirectly(admin, sso, { ssoAvailable: false })).rejects.toMatchObject({ fieldErrors: { signIn: [expect.stringMatching(/isn't configured/)] } });
    // This suite runs without AUTH_OIDC_*: the default reads the configuration.
    await expect(createUserDirectly(admin, sso)).rejects.toBeInstanceOf(Invalid);
    expect(await db().user.count({ where: { email: sso.email } })).toBe(0);
  });

  it("refuses an existing account, a Viewer, a delegated admin, more than the actor holds, and malformed input; nothing is created", async () => {
    const { tenantId, admin } = await tenantWithAdmin();
    const developer = await roleId(tenantId, "Developer");
    const existing = await createMember(await createTenant());
    await expect(createUserDirectly(admin, input(developer, { email: existing.email }))).rejects.toBeInstanceOf(Conflict);

    const viewer = await createMember(tenantId);
    await bind(tenantId, viewer.id, "Viewer");
    const viewerActor = await actorFor(viewer.id, tenantId);
    await expect(createUserDirectly(viewerActor, input(developer))).rejects.toThrow(/USER:CREATE/);
    const delegated = await createMember(tenantId);
    await bind(tenantId, delegated.id, "Admin", "company");
    const delegatedActor = await actorFor(delegated.id, tenantId);
    await expect(createUserDirectly(delegatedActor, input(developer))).rejects.toBeInstanceOf(Forbidden);
    // The Users tab offers "Create user" to exactly those the domain lets through.
    expect([admin, viewerActor, delegatedActor].map(mayCreateUsers)).toEqual([true, false, false]);
    await expect(createUserDirectly(admin, input(developer, { superAdmin: true }))).rejects.toThrow("Only a superadmin can invite a superadmin.");

    for (const bad of [{ signIn: "MAGIC" }, { email: "not an email" }, { firstName: "" }, { access: { mode: "ROLE", roleId: "x" } }, { firstName: "A\u202eB" }]) {
      await expect(createUserDirectly(admin, input(developer, bad))).rejects.toBeInstanceOf(Invalid);
    }
    expect(await db().user.count({ where: { email: { endsWith: "@create.test" }, accesses: { some: { tenantId } } } })).toBe(0);
  });

  it("two concurrent creates of one address make one account", async () => {
    const { tenantId, admin } = await tenantWithAdmin();
    const data = input(await roleId(tenantId, "Viewer"));
    const results = await Promise.allSettled([createUserDirectly(admin, data), createUserDirectly(admin, data)]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await db().user.count({ where: { email: data.email } })).toBe(1);
  });
});
