import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { endSession, resolveSession, startSession } from "@/lib/auth/sessions";
import { setUserDisabled } from "@/lib/iam/users/user-writes";
import { actorFor, bind, createMember, createTenant } from "@/test/fixtures";

const policy = { maxAgeSeconds: 30 * 86_400, idleTimeoutSeconds: 7 * 86_400 };
const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);

describe("server-side sessions", () => {
  it("a started session resolves to its user until it is ended, then never again", async () => {
    const tenant = await createTenant();
    const user = await createMember(tenant);
    const sid = await startSession(user.id, { userAgent: "Mozilla/5.0 test", address: "203.0.113.9" });
    const stored = await db().session.findUniqueOrThrow({ where: { id: sid } });
    expect(stored).toMatchObject({ userId: user.id, userAgent: "Mozilla/5.0 test", ipAddress: "203.0.113.9" });
    expect(await resolveSession(sid, user.id)).toMatchObject({ id: user.id, email: user.email });

    await endSession(sid);
    expect(await resolveSession(sid, user.id)).toBeNull();
  });

  it("refuses another user's session id, malformed ids and tokens without one", async () => {
    const tenant = await createTenant();
    const [owner, other] = [await createMember(tenant), await createMember(tenant)];
    const sid = await startSession(owner.id, {});
    expect(await resolveSession(sid, other.id)).toBeNull();
    for (const forged of [undefined, null, "", "not-a-uuid", "'; DROP TABLE sessions; --", 42, {}]) {
      expect(await resolveSession(forged, owner.id)).toBeNull();
    }
  });

  it("expires on the server after the maximum age, however active, and after the idle timeout", async () => {
    const tenant = await createTenant();
    const user = await createMember(tenant);
    const start = new Date();

    const active = await startSession(user.id, {}, { now: start, policy });
    // Seen every day: still ends 30 days after sign-in.
    for (let day = 1; day < 30; day++) expect(await resolveSession(active, user.id, { now: at(start, day * 86_400), policy })).not.toBeNull();
    expect(await resolveSession(active, user.id, { now: at(start, 30 * 86_400), policy })).toBeNull();
    expect(await db().session.count({ where: { id: active } })).toBe(0);

    const idle = await startSession(user.id, {}, { now: start, policy });
    expect(await resolveSession(idle, user.id, { now: at(start, 7 * 86_400 - 60), policy })).not.toBeNull();
    // That request counted as activity: the idle clock restarted from it.
    expect(await resolveSession(idle, user.id, { now: at(start, 14 * 86_400 - 120), policy })).not.toBeNull();
    expect(await resolveSession(idle, user.id, { now: at(start, 21 * 86_400), policy })).toBeNull();
  });

  it("writes last_seen_at at most once a minute", async () => {
    const tenant = await createTenant();
    const user = await createMember(tenant);
    const start = new Date();
    const sid = await startSession(user.id, {}, { now: start, policy });
    await resolveSession(sid, user.id, { now: at(start, 30), policy });
    expect((await db().session.findUniqueOrThrow({ where: { id: sid } })).lastSeenAt).toEqual(start);
    await resolveSession(sid, user.id, { now: at(start, 61), policy });
    expect((await db().session.findUniqueOrThrow({ where: { id: sid } })).lastSeenAt).toEqual(at(start, 61));
  });

  it("disabling a user ends all their sessions, so enabling them again revives none", async () => {
    const tenant = await createTenant();
    const admin = await createMember(tenant);
    await bind(tenant, admin.id, "Admin");
    const user = await createMember(tenant);
    const sessions = [await startSession(user.id, {}), await startSession(user.id, {})];
    const adminSession = await startSession(admin.id, {});

    const actor = await actorFor(admin.id, tenant);
    await setUserDisabled(actor, user.id, true);
    await setUserDisabled(actor, user.id, false);
    for (const sid of sessions) expect(await resolveSession(sid, user.id)).toBeNull();
    expect(await db().session.count({ where: { userId: user.id } })).toBe(0);
    expect(await resolveSession(adminSession, admin.id)).not.toBeNull();
  });

  it("a disabled user's session does not resolve even before its row is deleted", async () => {
    const tenant = await createTenant();
    const user = await createMember(tenant);
    const sid = await startSession(user.id, {});
    await db().user.update({ where: { id: user.id }, data: { disabled: true } });
    expect(await resolveSession(sid, user.id)).toBeNull();
  });

  it("a new sign-in clears the user's own ended sessions, not their live ones", async () => {
    const tenant = await createTenant();
    const user = await createMember(tenant);
    const start = new Date(Date.now() - 40 * 86_400 * 1000);
    const old = await startSession(user.id, {}, { now: start, policy });
    const live = await startSession(user.id, {}, { policy });
    await startSession(user.id, {}, { policy });
    expect(await db().session.count({ where: { id: old } })).toBe(0);
    expect(await db().session.count({ where: { id: live } })).toBe(1);
  });

  it("deleting a user deletes their sessions", async () => {
    const tenant = await createTenant();
    const user = await createMember(tenant);
    const sid = await startSession(user.id, {});
    await db().user.delete({ where: { id: user.id } });
    expect(await db().session.count({ where: { id: sid } })).toBe(0);
  });
});
