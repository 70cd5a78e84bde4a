import { hashToken } from "@/lib/iam/invitations/invitation-tokens";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { Secret, TOTP } from "otpauth";
import { db } from "@/lib/db/client";
import { resolveSession, startSession } from "@/lib/auth/sessions";
import type { SessionActor } from "@/lib/iam/authz/actor";
import { Forbidden, Invalid, NotFound } from "@/lib/iam/errors";
import { hashPassword } from "@/lib/iam/passwords/password-hashing";
import { acceptAsExistingUser, acceptWithNewAccount } from "@/lib/iam/invitations/accept-invitation";
import { createInvitation } from "@/lib/iam/invitations/create-invitation";
import { resetTwoFactor, removeFromTenant, setSuperAdmin } from "@/lib/iam/users/user-writes";
import { addBindings } from "@/lib/iam/bindings/role-bindings";
import { account, actorFor, bind, createMember, createTenant, GOOD_PASSWORD, insertInvitation, roleId } from "@/test/fixtures";
import { confirmTotpEnrolment, finishPasskeyRegistration, startPasskeyRegistration, regenerateRecoveryCodes, removeOwnFactor, startTotpEnrolment } from "./enrolment";
import { proveIdentity, proofChoices } from "./prove-identity";
import { StepUpRequired } from "./step-up";
import { mfaStanding, setTenantMfaPolicy, tenantMfaOverview } from "./tenant-mfa-policy";
import { relyingPartyFor } from "./webauthn";
import { createRateLimits, rulesFromConfig } from "@/lib/security/rate-limits";
import pg from "pg";

// Two-factor authentication against the real database: codes are computed from the enrolled secret exactly as an
// authenticator app computes them (otpauth), at chosen times to reach the window's edges.

const RP = relyingPartyFor("http://localhost:3000");
const ISSUER = "IAM Console test";
const codeAt = (secret: string, time: number) => new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp: time });
const TEN_MINUTES_AGO = () => new Date(Date.now() - 10 * 60_000 - 1000);

let tenantId: string;

beforeAll(async () => {
  tenantId = await createTenant();
});

async function signedIn(options: { password?: boolean; superAdmin?: boolean } = {}) {
  const user = await createMember(tenantId, { superAdmin: options.superAdmin });
  if (options.password !== false) await db().user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(GOOD_PASSWORD) } });
  const sessionId = await startSession(user.id, {});
  const actor: SessionActor = { id: user.id, email: user.email, name: user.email, isSuperAdmin: user.superAdmin, sessionId, mustChangePassword: false, amr: ["password"], authenticatedAt: new Date() };
  return { user, actor };
}

/** Enrols an authenticator app at `time` and answers its secret and the recovery codes. */
async function enrolTotp(actor: SessionActor, time = Date.now()) {
  const { factorId, secret, uri } = await startTotpEnrolment(actor, { issuer: ISSUER });
  expect(uri).toMatch(/^otpauth:\/\/totp\/IAM%20Console%20test:.+\?issuer=IAM%20Console%20test&secret=[A-Z2-7]+&algorithm=SHA1&digits=6&period=30$/);
  const outcome = await confirmTotpEnrolment(actor, { factorId, code: codeAt(secret, time), name: "Phone" }, new Date(time));
  return { secret, factorId, ...outcome };
}

const secondStep = (actor: SessionActor, proof: unknown, options: { now?: Date; limits?: ReturnType<typeof createRateLimits> } = {}) =>
  proveIdentity({ sessionId: actor.sessionId, userId: actor.id, email: actor.email, pending: true }, proof, { purpose: "second-step", rp: RP, ...options });

describe("authenticator apps", () => {
  it("enrols with a first code, answers ten recovery codes once, and marks this session as verified with it", async () => {
    const { actor } = await signedIn();
    const { recoveryCodes, factorId } = await enrolTotp(actor);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const stored = await db().secondFactor.findUniqueOrThrow({ where: { id: factorId } });
    // Sealed at rest: the base32 secret appears nowhere in the row.
    expect(stored.totpSecret).toMatch(/^v1\./);
    expect(stored.confirmedAt).toBeInstanceOf(Date);
    const codes = await db().recoveryCode.findMany({ where: { userId: actor.id } });
    expect(codes.map((code) => code.codeHash).every((hash) => /^[0-9a-f]{64}$/.test(hash))).toBe(true);
    expect(codes.some((code) => recoveryCodes!.some((plain) => code.codeHash.includes(plain.replace(/-/g, ""))))).toBe(false);
    const session = await db().session.findUniqueOrThrow({ where: { id: actor.sessionId } });
    expect(session.amr).toEqual(["password", "totp"]);
    // A second factor brings no new codes: the first ones stay valid.
    const second = await enrolTotp(actor);
    expect(second.recoveryCodes).toBeNull();
    expect(await db().recoveryCode.count({ where: { userId: actor.id, usedAt: null } })).toBe(10);
  });

  it("refuses a wrong code, a code from outside the window, and a setup older than 15 minutes", async () => {
    const { actor } = await signedIn();
    const { factorId, secret } = await startTotpEnrolment(actor, { issuer: ISSUER });
    const now = Date.now();
    await expect(confirmTotpEnrolment(actor, { factorId, code: "000000", name: "Phone" })).rejects.toThrow(Invalid);
    await expect(confirmTotpEnrolment(actor, { factorId, code: codeAt(secret, now - 90_000), name: "Phone" }, new Date(now))).rejects.toThrow(Invalid);
    await expect(confirmTotpEnrolment(actor, { factorId, code: codeAt(secret, now + 16 * 60_000), name: "Phone" }, new Date(now + 16 * 60_000))).rejects.toThrow(NotFound);
    expect(await db().secondFactor.count({ where: { userId: actor.id, confirmedAt: { not: null } } })).toBe(0);
  });

  it("signs in: the session waits for its second step, which accepts a code of the previous, current or next step once", async () => {
    const { actor } = await signedIn();
    const { secret } = await enrolTotp(actor, Date.now() - 5 * 60_000);
    const sessionId = await startSession(actor.id, {});
    const pending = await resolveSession(sessionId, actor.id);
    expect(pending?.secondFactorDueBy).toBeInstanceOf(Date);
    const session = { ...actor, sessionId };
    const now = Date.now();
    // One step behind is within the drift window; two steps behind is not.
    await expect(secondStep(session, { method: "totp", code: codeAt(secret, now - 60_000) }, { now: new Date(now) })).rejects.toThrow(Invalid);
    await expect(secondStep(session, { method: "totp", code: codeAt(secret, now - 30_000) }, { now: new Date(now) })).resolves.toEqual({ method: "totp" });
    const done = await resolveSession(sessionId, actor.id);
    expect(done).toMatchObject({ secondFactorDueBy: null, amr: ["password", "totp"] });
    // The same code again (step-up in the same window) is a replay; so is the current code, one step older than none used.
    const stepUp = { sessionId, userId: actor.id, email: actor.email, pending: false };
    await expect(proveIdentity(stepUp, { method: "totp", code: codeAt(secret, now - 30_000) }, { purpose: "step-up", rp: RP, now: new Date(now) })).rejects.toThrow(Invalid);
    await expect(proveIdentity(stepUp, { method: "totp", code: codeAt(secret, now + 30_000) }, { purpose: "step-up", rp: RP, now: new Date(now) })).resolves.toEqual({ method: "totp" });
  });

  it("a second step past its five minutes ends the session", async () => {
    const { actor } = await signedIn();
    await enrolTotp(actor);
    const start = new Date(Date.now() - 6 * 60_000);
    const sessionId = await startSession(actor.id, {}, { now: start });
    expect(await resolveSession(sessionId, actor.id)).toBeNull();
    expect(await db().session.count({ where: { id: sessionId } })).toBe(0);
  });

  it("SSO sign-ins skip the second step unless a tenant of theirs requires it for SSO users", async () => {
    const { actor } = await signedIn();
    await enrolTotp(actor);
    const sso = await startSession(actor.id, {}, { method: "sso" });
    expect((await resolveSession(sso, actor.id))?.secondFactorDueBy).toBeNull();
    const strict = await createTenant();
    await db().tenantAccess.create({ data: { tenantId: strict, userId: actor.id } });
    await db().tenant.update({ where: { id: strict }, data: { requireMfa: true, requireMfaForSso: true, requireMfaSince: new Date() } });
    const again = await startSession(actor.id, {}, { method: "sso" });
    expect((await resolveSession(again, actor.id))?.secondFactorDueBy).toBeInstanceOf(Date);
  });
});

describe("recovery codes and the second step's rules", () => {
  it("each code works once, in any case and with or without dashes; regenerating kills the old ones", async () => {
    const { actor } = await signedIn();
    const { recoveryCodes } = await enrolTotp(actor);
    const sessionId = await startSession(actor.id, {});
    const session = { ...actor, sessionId };
    await expect(secondStep(session, { method: "recovery_code", code: recoveryCodes![0].toLowerCase().replace(/-/g, " ") })).resolves.toEqual({ method: "recovery_code", recoveryCodesLeft: 9 });
    const again = { ...actor, sessionId: await startSession(actor.id, {}) };
    await expect(secondStep(again, { method: "recovery_code", code: recoveryCodes![0] })).rejects.toThrow(Invalid);
    expect(await db().auditLog.count({ where: { actorId: actor.id, details: { contains: "used a recovery code (9 left)" } } })).toBe(1);
    const fresh = await regenerateRecoveryCodes(actor);
    await expect(secondStep(again, { method: "recovery_code", code: recoveryCodes![1] })).rejects.toThrow(Invalid);
    await expect(secondStep(again, { method: "recovery_code", code: fresh[1] })).resolves.toMatchObject({ recoveryCodesLeft: 9 });
  });

  it("a password is no second step; a signed-in session is not one either; hostile proofs are refused as input", async () => {
    const { actor } = await signedIn();
    await enrolTotp(actor);
    const session = { ...actor, sessionId: await startSession(actor.id, {}) };
    await expect(secondStep(session, { method: "password", password: GOOD_PASSWORD })).rejects.toThrow(Invalid);
    await expect(proveIdentity({ sessionId: session.sessionId, userId: actor.id, email: actor.email, pending: false }, { method: "password", password: GOOD_PASSWORD }, { purpose: "step-up", rp: RP })).rejects.toThrow(Forbidden);
    for (const proof of [null, "123456", { method: "totp" }, { method: "totp", code: "12345a" }, { method: "sms", code: "123456" }, { method: "totp", code: "123456", extra: 1 }, { method: "passkey", response: { id: "x".repeat(5000), rawId: "x", type: "public-key" } }]) {
      await expect(secondStep(session, proof)).rejects.toThrow(Invalid);
    }
    // A forged passkey answer is refused as a wrong factor, never a server error.
    await expect(secondStep(session, { method: "passkey", response: { id: "forged", rawId: "forged", type: "public-key", response: {} } })).rejects.toThrow(Invalid);
    expect((await resolveSession(session.sessionId, actor.id))?.secondFactorDueBy).toBeInstanceOf(Date);
  });

  it("second-step failures count toward the account lockout: locked after the threshold, the right code is refused too", async () => {
    const { actor } = await signedIn();
    const { secret } = await enrolTotp(actor, Date.now() - 5 * 60_000);
    // The account's threshold lowered to 3 (the default is 10), on the real limiter over PostgreSQL.
    const limiterPool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    onTestFinished(() => limiterPool.end());
    const limits = createRateLimits(limiterPool, { ...rulesFromConfig(), signInAccount: { maxFailures: 3, windowSeconds: 300, lockSeconds: 600 } });
    const session = { ...actor, sessionId: await startSession(actor.id, {}) };
    for (let attempt = 0; attempt < 2; attempt++) await expect(secondStep(session, { method: "totp", code: "000000" }, { limits })).rejects.toThrow(Invalid);
    await expect(secondStep(session, { method: "totp", code: "000000" }, { limits })).rejects.toThrow(/temporarily locked/);
    await expect(secondStep(session, { method: "totp", code: codeAt(secret, Date.now()) }, { limits })).rejects.toThrow(/temporarily locked/);
  });

  it("offers what the person has", async () => {
    const { actor } = await signedIn({ password: false });
    expect(await proofChoices(actor.id)).toEqual({ totp: false, passkeys: 0, recoveryCodes: 0, password: false });
    await enrolTotp(actor);
    expect(await proofChoices(actor.id)).toEqual({ totp: true, passkeys: 0, recoveryCodes: 10, password: false });
  });
});

describe("changing factors", () => {
  it("needs a recent authentication; removing the last factor removes the recovery codes", async () => {
    const { actor } = await signedIn();
    const { factorId } = await enrolTotp(actor);
    const stale = { ...actor, authenticatedAt: TEN_MINUTES_AGO() };
    await expect(startTotpEnrolment(stale, { issuer: ISSUER })).rejects.toThrow(StepUpRequired);
    await expect(removeOwnFactor(stale, factorId)).rejects.toThrow(StepUpRequired);
    await expect(regenerateRecoveryCodes(stale)).rejects.toThrow(StepUpRequired);
    await expect(startPasskeyRegistration(stale, RP)).rejects.toThrow(StepUpRequired);
    await expect(removeOwnFactor(actor, "not-a-uuid")).rejects.toThrow(NotFound);
    const other = await signedIn();
    await expect(removeOwnFactor(other.actor, factorId)).rejects.toThrow(NotFound);
    await expect(removeOwnFactor(actor, factorId)).resolves.toEqual({ remaining: 0 });
    expect(await db().recoveryCode.count({ where: { userId: actor.id } })).toBe(0);
  });

  it("refuses a passkey registration without a challenge of this session, or with a forged answer", async () => {
    const { actor } = await signedIn();
    const forged = { id: "abc", rawId: "abc", type: "public-key", response: { clientDataJSON: "e30", attestationObject: "oA" } };
    await expect(finishPasskeyRegistration(actor, { name: "Key", response: forged }, RP)).rejects.toThrow("The passkey could not be verified. Try again.");
    await expect(finishPasskeyRegistration(actor, { name: "", response: forged }, RP)).rejects.toThrow(Invalid);
    await expect(finishPasskeyRegistration(actor, { name: "Key", response: "nope" }, RP)).rejects.toThrow(Invalid);
    expect(await db().secondFactor.count({ where: { userId: actor.id } })).toBe(0);
  });
});

describe("step-up on the listed actions", () => {
  it("granting superadmin or Admin, removing a member and resetting two-factor need a recent authentication", async () => {
    const superadmin = await createMember(tenantId, { superAdmin: true });
    const target = await createMember(tenantId);
    const fresh = await actorFor(superadmin.id, tenantId);
    const stale = { ...fresh, authenticatedAt: TEN_MINUTES_AGO() };
    await expect(setSuperAdmin(stale, target.id, true)).rejects.toThrow(StepUpRequired);
    await expect(addBindings(stale, { type: "USER", userId: target.id }, { roleId: await roleId(tenantId, "Admin"), namespaces: [] })).rejects.toThrow(StepUpRequired);
    await expect(removeFromTenant(stale, target.id)).rejects.toThrow(StepUpRequired);
    await expect(resetTwoFactor(stale, target.id)).rejects.toThrow(StepUpRequired);
    await expect(createInvitation(stale, { email: "stepup-admin@test.example", access: { mode: "ROLE", roleId: await roleId(tenantId, "Admin"), namespaces: [] }, superAdmin: false, requireMfa: false }, "http://localhost")).rejects.toThrow(StepUpRequired);
    // A Viewer binding or invitation needs no step-up; an actor without a known authentication time is stale.
    await expect(addBindings(stale, { type: "USER", userId: target.id }, { roleId: await roleId(tenantId, "Viewer"), namespaces: [] })).resolves.toEqual({ created: 1 });
    await expect(setSuperAdmin({ ...fresh, authenticatedAt: undefined }, target.id, true)).rejects.toThrow(StepUpRequired);
    await expect(setSuperAdmin(fresh, target.id, true)).resolves.toBeUndefined();
  });
});

describe("admins reset a member's two-factor", () => {
  it("removes every factor and code, ends the sessions, is audited; refused without factors or rights", async () => {
    const { actor, user } = await signedIn();
    await enrolTotp(actor);
    const admin = await createMember(tenantId);
    await bind(tenantId, admin.id, "Admin");
    const viewer = await createMember(tenantId);
    await bind(tenantId, viewer.id, "Viewer");
    await expect(resetTwoFactor(await actorFor(viewer.id, tenantId), user.id)).rejects.toThrow(Forbidden);
    await expect(resetTwoFactor(await actorFor(admin.id, tenantId), user.id)).resolves.toEqual({ removedFactors: 1, endedSessions: 1 });
    expect(await db().secondFactor.count({ where: { userId: user.id } })).toBe(0);
    expect(await db().recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await db().auditLog.count({ where: { tenantId, resourceId: user.id, details: { startsWith: "Reset two-factor authentication" } } })).toBe(1);
    await expect(resetTwoFactor(await actorFor(admin.id, tenantId), user.id)).rejects.toThrow(/has no two-factor authentication/);
  });
});

describe("the tenant policy", () => {
  const policy = { requireMfa: true, requireMfaForSso: false, graceDays: 3, since: new Date("2026-12-01T00:00:00Z") };
  const now = new Date("2026-12-02T00:00:00Z");
  it("decides per session: verified, SSO-exempt, verify, grace until a date, or closed", () => {
    expect(mfaStanding({ ...policy, requireMfa: false }, { hasFactor: false, amr: ["password"], joinedAt: null }, now)).toEqual({ state: "ok" });
    expect(mfaStanding(policy, { hasFactor: true, amr: ["password", "passkey"], joinedAt: null }, now)).toEqual({ state: "ok" });
    expect(mfaStanding(policy, { hasFactor: false, amr: ["sso"], joinedAt: null }, now)).toEqual({ state: "ok" });
    expect(mfaStanding({ ...policy, requireMfaForSso: true }, { hasFactor: false, amr: ["sso"], joinedAt: null }, now)).toMatchObject({ state: "grace" });
    expect(mfaStanding(policy, { hasFactor: true, amr: ["password"], joinedAt: null }, now)).toEqual({ state: "verify" });
    expect(mfaStanding(policy, { hasFactor: false, amr: ["password"], joinedAt: new Date("2026-11-01T00:00:00Z") }, now)).toEqual({ state: "grace", enrolBy: new Date("2026-12-04T00:00:00Z") });
    // Grace counts from joining when that is later than the policy.
    expect(mfaStanding(policy, { hasFactor: false, amr: ["password"], joinedAt: new Date("2026-12-01T12:00:00Z") }, now)).toEqual({ state: "grace", enrolBy: new Date("2026-12-04T12:00:00Z") });
    expect(mfaStanding({ ...policy, graceDays: 0 }, { hasFactor: false, amr: ["password"], joinedAt: null }, now)).toEqual({ state: "enrol" });
  });

  it("is set by tenant admins who have a factor themselves, audited; counts members without one", async () => {
    const tenant = await createTenant();
    const admin = await createMember(tenant);
    await bind(tenant, admin.id, "Admin");
    const viewer = await createMember(tenant);
    await bind(tenant, viewer.id, "Viewer");
    const actor = await actorFor(admin.id, tenant);
    await expect(setTenantMfaPolicy(actor, { requireMfa: true, requireMfaForSso: false, graceDays: 7 })).rejects.toThrow(/your own account first/);
    await expect(setTenantMfaPolicy(await actorFor(viewer.id, tenant), { requireMfa: false, requireMfaForSso: false, graceDays: 0 })).rejects.toThrow(Forbidden);
    for (const bad of [{ requireMfa: true, requireMfaForSso: false, graceDays: 91 }, { requireMfa: "yes" }, { requireMfa: true, requireMfaForSso: false, graceDays: -1 }]) {
      await expect(setTenantMfaPolicy(actor, bad)).rejects.toThrow(Invalid);
    }
    const sessionActor: SessionActor = { ...actor, sessionId: await startSession(admin.id, {}), mustChangePassword: false, amr: ["password"] };
    await enrolTotp(sessionActor);
    await expect(setTenantMfaPolicy(actor, { requireMfa: true, requireMfaForSso: true, graceDays: 7 })).resolves.toMatchObject({ requireMfa: true, graceDays: 7 });
    expect(await tenantMfaOverview(actor)).toMatchObject({ requireMfa: true, requireMfaForSso: true, members: 2, membersWithoutFactor: 1, canEdit: true });
    expect(await db().auditLog.count({ where: { tenantId: tenant, resourceType: "SECURITY", details: { contains: "required (SSO users too), 7 days' grace" } } })).toBe(1);
  });
});

describe("invitations that require two-factor authentication", () => {
  it("a new account waits for its first factor; the access comes with it, in the same transaction", async () => {
    const admin = await createMember(tenantId);
    await bind(tenantId, admin.id, "Admin");
    const { token } = await insertInvitation(tenantId, admin.id, { role: { name: "Viewer" }, requireMfa: true });
    const accepted = await acceptWithNewAccount(token, account());
    expect(accepted.awaitingMfa).toBe(true);
    expect(await db().tenantAccess.count({ where: { tenantId, userId: accepted.userId } })).toBe(0);
    const invitation = await db().invitation.findFirstOrThrow({ where: { tokenHash: { not: "" }, acceptedById: accepted.userId } });
    expect(invitation.acceptedAt).toBeNull();
    const actor: SessionActor = { id: accepted.userId, email: accepted.email, name: "Ada", isSuperAdmin: false, sessionId: await startSession(accepted.userId, {}), mustChangePassword: false, amr: ["password"], authenticatedAt: new Date() };
    const { joinedTenants } = await enrolTotp(actor);
    expect(joinedTenants).toEqual([tenantId]);
    expect(await db().tenantAccess.count({ where: { tenantId, userId: accepted.userId } })).toBe(1);
    expect((await db().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).acceptedAt).toBeInstanceOf(Date);
  });

  it("an existing account without a factor gets an invitation instead of direct access, and waits for a factor", async () => {
    const admin = await createMember(tenantId);
    await bind(tenantId, admin.id, "Admin");
    const outsider = await db().user.create({ data: { email: `mfa-existing-${Date.now()}@test.example` } });
    const outcome = await createInvitation(await actorFor(admin.id, tenantId), { email: outsider.email, access: { mode: "ROLE", roleId: await roleId(tenantId, "Viewer"), namespaces: [] }, superAdmin: false, requireMfa: true }, "http://localhost");
    expect(outcome.kind).toBe("invited");
    // The invitee's address as stored (normalised), not "the newest invitation": other files in this worker's
    // database leave invitations with timestamps of their own choosing.
    const { token } = await insertInvitation(tenantId, admin.id, { email: `mfa-existing2-${Date.now()}@test.example`, role: { name: "Viewer" }, requireMfa: true });
    const invitee = await db().user.create({ data: { email: (await db().invitation.findFirstOrThrow({ where: { tokenHash: hashToken(token) } })).email } });
    expect(await acceptAsExistingUser(token, invitee.id)).toEqual({ tenantId, awaitingMfa: true });
    expect(await db().tenantAccess.count({ where: { tenantId, userId: invitee.id } })).toBe(0);
  });
});
