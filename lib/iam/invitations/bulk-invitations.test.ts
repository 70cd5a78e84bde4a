import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { nameKeys } from "@/lib/iam/names/look-alikes";
import { actorFor, bind, createMember, createTenant, insertInvitation, unique } from "@/test/fixtures";
import { withFailingWrite } from "@/test/injected-failure";
import { Forbidden, Invalid } from "@/lib/iam/errors";
import { resendInvitations, revokeInvitations } from "./bulk-invitations";
import { hashToken } from "./invitation-tokens";

// Bulk Resend and Revoke against real PostgreSQL, email not configured (so resent links come back, shown once).
// bulk-resend-email.test.ts covers the outbox.

const ORIGIN = "http://console.test";
const DAY = 86_400_000;
let tenant: string;
let admin: Awaited<ReturnType<typeof createMember>>;
/** Admin on company.team only: the delegated admin of docs/rules.md § Delegation. */
let teamAdmin: Awaited<ReturnType<typeof createMember>>;

beforeAll(async () => {
  tenant = await createTenant();
  admin = await createMember(tenant);
  teamAdmin = await createMember(tenant);
  await bind(tenant, admin.id, "Admin");
  await bind(tenant, teamAdmin.id, "Admin", "company.team");
});

const invite = (options: Parameters<typeof insertInvitation>[2] = {}) => insertInvitation(tenant, admin.id, { email: `${unique("bulk")}@bulk.test`, ...options });
const stored = (id: string) => db().invitation.findUniqueOrThrow({ where: { id } });

async function customRole(name: string, permissions: Record<string, string[]>) {
  return db().role.create({ data: { tenantId: tenant, name, ...nameKeys(name), permissions } });
}

/** The id of the transaction that wrote each row's current version. */
async function xmins(table: "invitations" | "audit_logs", column: "id" | "resource_id", values: string[]) {
  const rows = await db().$queryRawUnsafe<{ xmin: string }[]>(`SELECT xmin::text FROM ${table} WHERE ${column}::text = ANY($1::text[])`, values);
  return rows.map((row) => row.xmin);
}

describe("revokeInvitations (real PostgreSQL)", () => {
  it("decides each row as revokeInvitation would, for a delegated admin, in the order given, in one transaction", async () => {
    const team = await invite({ role: { name: "Viewer", namespaces: ["company.team"] } });
    const deeper = await invite({ role: { name: "Viewer", namespaces: ["company.team.data"] } });
    const expired = await invite({ role: { name: "Viewer", namespaces: ["company.team"] }, expiresAt: new Date(Date.now() - DAY) });
    const accepted = await invite({ role: { name: "Viewer", namespaces: ["company.team"] }, acceptedAt: new Date() });
    const revoked = await invite({ role: { name: "Viewer", namespaces: ["company.team"] }, revokedAt: new Date(Date.now() - DAY) });
    const tenantWide = await invite({ role: { name: "Viewer" } });
    const elsewhere = await invite({ role: { name: "Viewer", namespaces: ["other"] } });
    const otherTenant = await insertInvitation(await createTenant(), null, { role: { name: "Viewer" } });
    const missing = randomUUID();
    const ids = [team, deeper, expired, accepted, revoked, tenantWide, elsewhere, otherTenant].map((invitation) => invitation.invitationId);

    const rows = await revokeInvitations(await actorFor(teamAdmin.id, tenant), [...ids, missing]);

    expect(rows).toEqual([
      { id: team.invitationId, email: team.email, outcome: "revoked" },
      { id: deeper.invitationId, email: deeper.email, outcome: "revoked" },
      { id: expired.invitationId, email: expired.email, outcome: "revoked" },
      { id: accepted.invitationId, email: accepted.email, outcome: "skipped", reason: "Already accepted: remove them from the tenant instead." },
      { id: revoked.invitationId, email: revoked.email, outcome: "skipped", reason: "Already revoked." },
      // Outside the delegated admin's read scope: neither the email nor anything else of the row.
      { id: tenantWide.invitationId, email: null, outcome: "skipped", reason: "You need INVITATION:READ where this invitation grants access." },
      { id: elsewhere.invitationId, email: null, outcome: "skipped", reason: "You need INVITATION:READ where this invitation grants access." },
      // Another tenant's invitation reads exactly like one that never existed.
      { id: otherTenant.invitationId, email: null, outcome: "skipped", reason: "That invitation no longer exists." },
      { id: missing, email: null, outcome: "skipped", reason: "That invitation no longer exists." },
    ]);
    const changed = [team, deeper, expired].map((invitation) => invitation.invitationId);
    for (const id of changed) expect((await stored(id)).revokedAt).not.toBeNull();
    for (const invitation of [accepted, tenantWide, elsewhere]) expect((await stored(invitation.invitationId)).revokedAt).toBeNull();
    expect((await stored(otherTenant.invitationId)).revokedAt).toBeNull();
    // The already revoked one keeps its time: nothing was written to it.
    expect((await stored(revoked.invitationId)).revokedAt!.getTime()).toBeLessThan(Date.now() - DAY / 2);

    const entries = await db().auditLog.findMany({ where: { tenantId: tenant, action: "REVOKE", resourceId: { in: ids } }, orderBy: { id: "asc" } });
    expect(entries.map((entry) => entry.resourceId)).toEqual(changed);
    expect(entries.map((entry) => entry.namespaces)).toEqual([["company.team"], ["company.team.data"], ["company.team"]]);
    expect(entries.map((entry) => entry.after)).toEqual([{ status: "REVOKED" }, { status: "REVOKED" }, { status: "REVOKED" }]);
    expect(entries.map((entry) => entry.before)).toEqual([{ status: "PENDING" }, { status: "PENDING" }, { status: "EXPIRED" }]);
    expect(entries[0].details).toBe(`Revoked the invitation to ${team.email} (Viewer on company.team)`);
    expect(entries.every((entry) => entry.actorId === teamAdmin.id)).toBe(true);
    // Every change and every entry in the same transaction.
    const written = [...(await xmins("invitations", "id", changed)), ...(await xmins("audit_logs", "resource_id", changed))];
    expect(new Set(written).size).toBe(1);
  });

  it("skips a row the actor may read but not revoke, naming the missing permission", async () => {
    // Reads every invitation, revokes only on company.team.
    const reader = await customRole(unique("Invitation reader"), { INVITATION: ["READ"] });
    const actor = await createMember(tenant);
    await bind(tenant, actor.id, reader.name);
    await bind(tenant, actor.id, "Admin", "company.team");
    const tenantWide = await invite({ role: { name: "Viewer" } });
    const team = await invite({ role: { name: "Viewer", namespaces: ["company.team"] } });

    const rows = await revokeInvitations(await actorFor(actor.id, tenant), [tenantWide.invitationId, team.invitationId]);

    expect(rows).toEqual([
      { id: tenantWide.invitationId, email: tenantWide.email, outcome: "skipped", reason: "You need INVITATION:DELETE where this invitation grants access." },
      { id: team.invitationId, email: team.email, outcome: "revoked" },
    ]);
  });

  it("refuses the whole request to whoever may not read or revoke invitations anywhere, and malformed selections", async () => {
    const viewer = await createMember(tenant);
    await bind(tenant, viewer.id, "Viewer");
    const readOnly = await createMember(tenant);
    await bind(tenant, readOnly.id, (await customRole(unique("Invitation auditor"), { INVITATION: ["READ"] })).name);
    const pending = await invite({ role: { name: "Viewer" } });

    await expect(revokeInvitations(await actorFor(viewer.id, tenant), [pending.invitationId])).rejects.toThrow(/INVITATION:READ/);
    await expect(revokeInvitations(await actorFor(readOnly.id, tenant), [pending.invitationId])).rejects.toThrow(Forbidden);
    await expect(revokeInvitations(await actorFor(readOnly.id, tenant), [pending.invitationId])).rejects.toThrow(/INVITATION:DELETE/);
    const actor = await actorFor(admin.id, tenant);
    await expect(revokeInvitations(actor, [])).rejects.toThrow(Invalid);
    await expect(revokeInvitations(actor, Array.from({ length: 101 }, () => randomUUID()))).rejects.toThrow(Invalid);
    await expect(revokeInvitations(actor, ["not-a-uuid"])).rejects.toThrow(Invalid);
    expect((await stored(pending.invitationId)).revokedAt).toBeNull();

    // The same id twice, in two spellings, is one row.
    const rows = await revokeInvitations(actor, [pending.invitationId.toUpperCase(), pending.invitationId]);
    expect(rows).toEqual([{ id: pending.invitationId, email: pending.email, outcome: "revoked" }]);
    expect(await db().auditLog.count({ where: { resourceId: pending.invitationId, action: "REVOKE" } })).toBe(1);
  });

  it("changes nothing when the transaction fails partway: an audit entry that cannot be written takes every revocation with it", async () => {
    const [first, second, third] = await Promise.all([invite({ role: { name: "Viewer" } }), invite({ role: { name: "Viewer" } }), invite({ role: { name: "Viewer" } })]);
    const ids = [first, second, third].map((invitation) => invitation.invitationId);
    await withFailingWrite({ table: "audit_logs", event: "INSERT", column: "resource_id", value: second.invitationId }, async () => {
      await expect(revokeInvitations(await actorFor(admin.id, tenant), ids)).rejects.toThrow(/injected failure/);
    });
    for (const id of ids) expect((await stored(id)).revokedAt).toBeNull();
    expect(await db().auditLog.count({ where: { resourceId: { in: ids } } })).toBe(0);
  });
});

describe("resendInvitations (real PostgreSQL)", () => {
  it("gives each resendable row a new link and expiry, skips the rest with the single resend's reasons, and audits each", async () => {
    const pending = await invite({ role: { name: "Viewer", namespaces: ["company.team"] } });
    const expired = await invite({ role: { name: "Viewer", namespaces: ["company.team"] }, expiresAt: new Date(Date.now() - DAY) });
    const accepted = await invite({ role: { name: "Viewer", namespaces: ["company.team"] }, acceptedAt: new Date() });
    const revoked = await invite({ role: { name: "Viewer", namespaces: ["company.team"] }, revokedAt: new Date() });
    const tenantWide = await invite({ role: { name: "Viewer" } });
    await db().invitation.update({ where: { id: expired.invitationId }, data: { renewalRequestedAt: new Date() } });
    const before = await Promise.all([pending, expired].map((invitation) => stored(invitation.invitationId)));

    const rows = await resendInvitations(
      await actorFor(teamAdmin.id, tenant),
      [pending, expired, accepted, revoked, tenantWide].map((invitation) => invitation.invitationId),
      ORIGIN,
    );

    expect(rows.map(({ link, ...row }) => ({ ...row, hasLink: Boolean(link) }))).toEqual([
      { id: pending.invitationId, email: pending.email, outcome: "resent", hasLink: true },
      { id: expired.invitationId, email: expired.email, outcome: "resent", hasLink: true },
      { id: accepted.invitationId, email: accepted.email, outcome: "skipped", reason: "No longer pending: it was accepted. Invite them again instead.", hasLink: false },
      { id: revoked.invitationId, email: revoked.email, outcome: "skipped", reason: "No longer pending: it was revoked. Invite them again instead.", hasLink: false },
      { id: tenantWide.invitationId, email: null, outcome: "skipped", reason: "You need INVITATION:READ where this invitation grants access.", hasLink: false },
    ]);
    for (const [index, invitation] of [pending, expired].entries()) {
      const now = await stored(invitation.invitationId);
      const token = rows[index].link!.match(/^http:\/\/console\.test\/invitations\/([A-Za-z0-9_-]{43})$/)![1];
      expect(now.tokenHash).toBe(hashToken(token));
      expect(now.tokenHash).not.toBe(before[index].tokenHash);
      expect(now.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * DAY);
      expect(now.deliveryStatus).toBe("NOT_CONFIGURED");
      expect(now.renewalRequestedAt).toBeNull();
      // The old link says a newer one was sent (docs/rules.md § Invitations 15).
      expect(await db().replacedInvitationToken.count({ where: { tokenHash: before[index].tokenHash, invitationId: invitation.invitationId } })).toBe(1);
    }
    expect((await stored(accepted.invitationId)).tokenHash).toBe(hashToken(accepted.token));
    expect((await stored(tenantWide.invitationId)).tokenHash).toBe(hashToken(tenantWide.token));

    const entries = await db().auditLog.findMany({ where: { tenantId: tenant, action: "RESEND", resourceId: { in: [pending.invitationId, expired.invitationId] } }, orderBy: { id: "asc" } });
    expect(entries.map((entry) => entry.details)).toEqual([
      `Resent the invitation to ${pending.email} with a new link`,
      `Resent the invitation to ${expired.email} with a new link, as they asked`,
    ]);
    expect(entries.map((entry) => entry.namespaces)).toEqual([["company.team"], ["company.team"]]);
    expect(JSON.stringify(entries.map((entry) => ({ ...entry, id: String(entry.id) })))).not.toContain(rows[0].link!.split("/").pop());
    const written = [
      ...(await xmins("invitations", "id", [pending.invitationId, expired.invitationId])),
      ...(await xmins("audit_logs", "resource_id", [pending.invitationId, expired.invitationId])),
    ];
    expect(new Set(written).size).toBe(1);
  });

  it("skips an invitation whose access the resender may not grant today, naming what is missing", async () => {
    // May invite and resend on company.team, but holds none of Developer's permissions there.
    const resender = await customRole(unique("Resender"), { INVITATION: ["CREATE", "READ", "UPDATE"] });
    const actor = await createMember(tenant);
    await bind(tenant, actor.id, resender.name, "company.team");
    const grantable = await invite({ role: { name: resender.name, namespaces: ["company.team"] } });
    const tooMuch = await invite({ role: { name: "Developer", namespaces: ["company.team"] } });

    const rows = await resendInvitations(await actorFor(actor.id, tenant), [grantable.invitationId, tooMuch.invitationId], ORIGIN);

    expect(rows[0]).toMatchObject({ id: grantable.invitationId, outcome: "resent" });
    expect(rows[1]).toMatchObject({ id: tooMuch.invitationId, email: tooMuch.email, outcome: "skipped" });
    expect(rows[1].reason).toBe("You can only grant Developer on company.team if you hold all of its permissions there.");
    expect((await stored(tooMuch.invitationId)).tokenHash).toBe(hashToken(tooMuch.token));
  });

  it("changes nothing when a row's write fails partway: the rows resent before it roll back too", async () => {
    const [first, second, third] = await Promise.all([invite({ role: { name: "Viewer" } }), invite({ role: { name: "Viewer" } }), invite({ role: { name: "Viewer" } })]);
    const ids = [first, second, third].map((invitation) => invitation.invitationId);
    await withFailingWrite({ table: "invitations", event: "UPDATE", column: "id", value: second.invitationId }, async () => {
      await expect(resendInvitations(await actorFor(admin.id, tenant), ids, ORIGIN)).rejects.toThrow(/injected failure/);
    });
    for (const invitation of [first, second, third]) expect((await stored(invitation.invitationId)).tokenHash).toBe(hashToken(invitation.token));
    expect(await db().replacedInvitationToken.count({ where: { invitationId: { in: ids } } })).toBe(0);
    expect(await db().auditLog.count({ where: { resourceId: { in: ids } } })).toBe(0);
  });

  it("refuses the whole request to whoever may resend nowhere", async () => {
    const viewer = await createMember(tenant);
    await bind(tenant, viewer.id, "Viewer");
    const pending = await invite({ role: { name: "Viewer" } });
    await expect(resendInvitations(await actorFor(viewer.id, tenant), [pending.invitationId], ORIGIN)).rejects.toThrow(Forbidden);
    expect((await stored(pending.invitationId)).tokenHash).toBe(hashToken(pending.token));
  });
});
