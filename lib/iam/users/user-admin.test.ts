import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { resolveSession, startSession } from "@/lib/auth/sessions";
import { Forbidden, Invalid, NotFound } from "@/lib/iam/errors";
import { signInLockState } from "@/lib/iam/users/sign-in-lock";
import { renameUser, signOutEverywhere, unlockUser } from "@/lib/iam/users/user-writes";
import { rateLimits } from "@/lib/security/rate-limits";
import { actorFor, bind, createMember, createTenant, superAdminActor } from "@/test/fixtures";

// An admin's controls over a user's account (docs/rules.md § Accounts 7–8, § Password resets 5): rename, sign out everywhere, unlock. The
// lock is made by the real rate limits (lib/security/rate-limits.ts, default rules: 10 failures lock for 30 minutes).

async function tenantWithAdmin() {
  const tenantId = await createTenant();
  const admin = await createMember(tenantId);
  await bind(tenantId, admin.id, "Admin");
  const target = await createMember(tenantId);
  return { tenantId, admin: await actorFor(admin.id, tenantId), target };
}

async function lockOut(email: string) {
  const limits = rateLimits();
  for (let failure = 0; failure < 10; failure++) {
    const attempt = await limits.beginSignIn(email, null);
    if (attempt.lock) break;
    await limits.failSignIn(attempt);
  }
}


describe("an admin renames a user", () => {
  it("by the profile rules, audited in the tenant with before and after", async () => {
    const { tenantId, admin, target } = await tenantWithAdmin();
    await renameUser(admin, target.id, { firstName: " Ada ", lastName: "Lovelace" });
    expect(await db().user.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({ firstName: "Ada", lastName: "Lovelace" });
    const [entry] = await db().auditLog.findMany({ where: { tenantId, resourceId: target.id } });
    expect(entry).toMatchObject({ action: "UPDATE", details: `Renamed ${target.email}`, before: { firstName: "Test", lastName: "User" }, after: { firstName: "Ada", lastName: "Lovelace" } });
    await expect(renameUser(admin, target.id, { firstName: "", lastName: "x" })).rejects.toBeInstanceOf(Invalid);
    await expect(renameUser(admin, target.id, { firstName: "A\u200bda", lastName: "x" })).rejects.toBeInstanceOf(Invalid);
  });

  it("refuses a Viewer, a delegated admin, oneself, a superadmin target, another tenant's user, and a user of other tenants unless a superadmin", async () => {
    const { tenantId, admin, target } = await tenantWithAdmin();
    const viewer = await createMember(tenantId);
    await bind(tenantId, viewer.id, "Viewer");
    const delegated = await createMember(tenantId);
    await bind(tenantId, delegated.id, "Admin", "company");
    const name = { firstName: "New", lastName: "Name" };
    await expect(renameUser(await actorFor(viewer.id, tenantId), target.id, name)).rejects.toThrow(/USER:UPDATE/);
    await expect(renameUser(await actorFor(delegated.id, tenantId), target.id, name)).rejects.toBeInstanceOf(Forbidden);
    await expect(renameUser(admin, admin.id, name)).rejects.toThrow("You can't rename yourself.");
    const superadmin = await createMember(tenantId, { superAdmin: true });
    await expect(renameUser(admin, superadmin.id, name)).rejects.toThrow(/Only a superadmin/);
    const stranger = await createMember(await createTenant());
    await expect(renameUser(admin, stranger.id, name)).rejects.toBeInstanceOf(NotFound);
    await db().tenantAccess.create({ data: { tenantId: await createTenant(), userId: target.id } });
    await expect(renameUser(admin, target.id, name)).rejects.toThrow(/also belongs to other tenants/);
    await renameUser(await superAdminActor(tenantId), target.id, name);
    expect((await db().user.findUniqueOrThrow({ where: { id: target.id } })).firstName).toBe("New");
  });
});

describe("an admin signs a user out everywhere", () => {
  it("ends every session of theirs, audited", async () => {
    const { tenantId, admin, target } = await tenantWithAdmin();
    const sessions = [await startSession(target.id, {}), await startSession(target.id, {})];
    expect(await signOutEverywhere(admin, target.id)).toEqual({ endedSessions: 2 });
    for (const id of sessions) expect(await resolveSession(id, target.id)).toBeNull();
    expect(await db().auditLog.count({ where: { tenantId, resourceId: target.id, details: { contains: "out everywhere (2 sessions)" } } })).toBe(1);
  });
});

describe("an admin unlocks a user locked by failed sign-ins", () => {
  it("sees the lock the rate limits made, lifts it, and the user may sign in again", async () => {
    const { tenantId, admin, target } = await tenantWithAdmin();
    await expect(unlockUser(admin, target.id)).rejects.toThrow(`${target.email} is not locked.`);
    await lockOut(target.email);
    const lock = await signInLockState(db(), target.email);
    expect(lock).toMatchObject({ isLocked: true, failures: 10 });
    expect(lock.until!.getTime()).toBeGreaterThan(Date.now() + 25 * 60_000);
    expect(await rateLimits().signInLock(target.email, null)).toBe("account");

    await unlockUser(admin, target.id);
    expect(await signInLockState(db(), target.email)).toEqual({ isLocked: false, failures: 0, until: null });
    expect(await rateLimits().signInLock(target.email, null)).toBeNull();
    const [entry] = await db().auditLog.findMany({ where: { tenantId, resourceId: target.id } });
    expect(entry.details).toBe(`Unlocked ${target.email} after 10 failed sign-ins`);
  });

  it("reads an account with a few failures as not locked, and finds the lock of an address longer than 200 characters", async () => {
    const { admin, target } = await tenantWithAdmin();
    const limits = rateLimits();
    const attempt = await limits.beginSignIn(target.email, null);
    await limits.failSignIn(attempt);
    expect(await signInLockState(db(), target.email)).toMatchObject({ isLocked: false, failures: 1 });
    await expect(unlockUser(admin, target.id)).rejects.toBeInstanceOf(Invalid);

    const long = `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(40)}.test`;
    await lockOut(long);
    expect((await signInLockState(db(), long)).isLocked).toBe(true);
  });
});
