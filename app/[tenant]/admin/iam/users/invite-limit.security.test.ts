import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { db } from "@/lib/db/client";
import { actorFor, createMember, createTenant, roleId } from "@/test/fixtures";

// The invite actions with an allowance of 3 invitations per inviter per hour.
const session = vi.hoisted(() => {
  vi.stubEnv("INVITATIONS_PER_INVITER_PER_HOUR", "3");
  return { actor: null as TenantActor | null };
});
vi.mock("@/lib/auth/tenant-actor", () => ({ actionActor: async () => session.actor }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "iam.test" }) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { bulkInviteAction, inviteAction } = await import("@/app/[tenant]/admin/iam/users/invite-actions");

const REFUSED = { ok: false, error: "You have sent too many invitations in the last hour. Try again later." };
let tenantId: string;
let viewer: string;

beforeAll(async () => {
  tenantId = await createTenant();
  viewer = await roleId(tenantId, "Viewer");
});

afterAll(async () => {
  vi.unstubAllEnvs();
  // Invitations first: deleting the tenant alone trips invitation_roles_role_id_fkey (NO ACTION, two cascades deep).
  await db().invitation.deleteMany({ where: { tenantId } });
  await db().tenant.delete({ where: { id: tenantId } });
});

async function newInviter() {
  const user = await createMember(tenantId, { superAdmin: true });
  session.actor = await actorFor(user.id, tenantId);
  return session.actor;
}
const access = () => ({ mode: "ROLE" as const, roleId: viewer, namespaces: [] });
const invitationsBy = (inviterId: string) => db().invitation.count({ where: { tenantId, invitedById: inviterId } });

describe("invitations per inviter per hour, through the invite actions", () => {
  it("refuses a bulk invite that does not fit whole, sending none of it, and counts each distinct valid address", async () => {
    const inviter = await newInviter();
    const emails = ["a", "b", "c", "d"].map((name) => `${name}-${inviter.id}@invite-limit.test`);
    expect(await bulkInviteAction(tenantId, { emails: emails.join("\n"), access: access() })).toEqual(REFUSED);
    expect(await invitationsBy(inviter.id)).toBe(0);

    // Repeats and malformed entries are not counted: three distinct addresses fit.
    const pasted = [emails[0], emails[0].toUpperCase(), "not an email", emails[1], emails[2]].join(", ");
    const sent = await bulkInviteAction(tenantId, { emails: pasted, access: access() });
    expect(sent.ok && sent.data.map((row) => row.outcome)).toEqual(["invited", "duplicate", "invalid", "invited", "invited"]);
    expect(await inviteAction(tenantId, { email: emails[3], access: access() })).toEqual(REFUSED);
    expect(await invitationsBy(inviter.id)).toBe(3);

    const trips = await db().auditLog.findMany({ where: { resourceType: "SECURITY", resourceId: inviter.id }, orderBy: { id: "asc" } });
    expect(trips.map((entry) => [entry.tenantId, entry.actorId, entry.details])).toEqual([
      [tenantId, inviter.id, `${inviter.email} was refused 4 invitations: at most 3 per 1 hour`],
      [tenantId, inviter.id, `${inviter.email} was refused 1 invitation: at most 3 per 1 hour`],
    ]);
  });

  it("counts single invitations, per inviter", async () => {
    const first = await newInviter();
    for (const name of ["a", "b", "c"]) {
      expect(await inviteAction(tenantId, { email: `${name}-${first.id}@invite-limit.test`, access: access() })).toMatchObject({ ok: true });
    }
    expect(await inviteAction(tenantId, { email: `d-${first.id}@invite-limit.test`, access: access() })).toEqual(REFUSED);
    const second = await newInviter();
    expect(await inviteAction(tenantId, { email: `a-${second.id}@invite-limit.test`, access: access() })).toMatchObject({ ok: true });
  });

  it("a bulk invite that fails as a whole costs nothing of the allowance", async () => {
    const inviter = await newInviter();
    const emails = ["a", "b", "c"].map((name) => `${name}-${inviter.id}@invite-limit.test`).join("\n");
    // A role that does not exist (deleted meanwhile, or forged): the whole request fails after the allowance was taken.
    const gone = { mode: "ROLE" as const, roleId: "00000000-0000-4000-8000-000000000000", namespaces: [] };
    const failed = await bulkInviteAction(tenantId, { emails, access: gone });
    expect(failed.ok).toBe(false);
    expect(failed).not.toEqual(REFUSED);
    expect(await invitationsBy(inviter.id)).toBe(0);
    // Before the refund this was refused: the failed request had used all three.
    const sent = await bulkInviteAction(tenantId, { emails, access: access() });
    expect(sent.ok && sent.data.map((row) => row.outcome)).toEqual(["invited", "invited", "invited"]);
  });

  it("addresses that get no invitation (already invited) are given back", async () => {
    const inviter = await newInviter();
    const [a, b, c] = ["a", "b", "c"].map((name) => `${name}-${inviter.id}@invite-limit.test`);
    expect(await inviteAction(tenantId, { email: a, access: access() })).toMatchObject({ ok: true, data: { kind: "invited" } });
    expect(await inviteAction(tenantId, { email: a, access: access() })).toMatchObject({ ok: true, data: { kind: "already-pending" } });
    const again = await bulkInviteAction(tenantId, { emails: [a, b].join(","), access: access() });
    expect(again.ok && again.data.map((row) => row.outcome)).toEqual(["already-pending", "invited"]);
    // a and b used two of the three; the repeats of a cost nothing.
    expect(await inviteAction(tenantId, { email: c, access: access() })).toMatchObject({ ok: true, data: { kind: "invited" } });
    expect(await inviteAction(tenantId, { email: `d-${inviter.id}@invite-limit.test`, access: access() })).toEqual(REFUSED);
  });
});
