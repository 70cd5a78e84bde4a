import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { actorFor, bind, createMember, createTenant, roleId } from "@/test/fixtures";
import { Forbidden, NotFound } from "@/lib/iam/errors";
import { createInvitation, resendInvitation, revokeInvitation } from "./create-invitation";
import { inviteSchema } from "./invitation-schemas";
import { hashToken } from "./invitation-tokens";

// Lets a test make the audit write fail, to prove the invitation it records rolls back with it.
const auditControl = vi.hoisted(() => ({ fail: false }));
vi.mock("@/lib/iam/audit/write-audit", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/iam/audit/write-audit")>();
  return {
    ...real,
    auditAll: async (...args: Parameters<typeof real.auditAll>) => {
      if (auditControl.fail) throw new Error("audit store unavailable");
      return real.auditAll(...args);
    },
  };
});
afterEach(() => {
  auditControl.fail = false;
});

/** The id of the transaction that wrote a row's current version. */
async function xminOf(table: "invitations" | "audit_logs", column: "id" | "resource_id", value: string) {
  const [row] = await db().$queryRawUnsafe<{ xmin: string }[]>(`SELECT xmin::text FROM ${table} WHERE ${column}::text = $1`, value);
  return row?.xmin;
}

const ORIGIN = "http://console.test";
let tenant: string;
let admin: Awaited<ReturnType<typeof createMember>>;
let teamAdmin: Awaited<ReturnType<typeof createMember>>;

beforeAll(async () => {
  tenant = await createTenant();
  admin = await createMember(tenant);
  teamAdmin = await createMember(tenant);
  await bind(tenant, admin.id, "Admin");
  await bind(tenant, teamAdmin.id, "Admin", "company.team");
});

const email = () => `invitee-${Math.random().toString(36).slice(2)}@test.example`;
const roleInvite = async (to: string, role: string, namespaces: string[] = []) =>
  inviteSchema.parse({ email: to, access: { mode: "ROLE", roleId: await roleId(tenant, role), namespaces } });

describe("createInvitation (real PostgreSQL)", () => {
  it("stores only the token's hash, returns the link once, and audits in the same transaction", async () => {
    const to = email();
    const outcome = await createInvitation(await actorFor(admin.id, tenant), await roleInvite(to.toUpperCase(), "Developer", ["company.team"]), ORIGIN);
    expect(outcome.kind).toBe("invited");
    if (outcome.kind !== "invited") return;
    expect(outcome.delivery).toBe("NOT_CONFIGURED");
    const token = outcome.link.split("/invitations/")[1];
    expect(outcome.link).toMatch(/^http:\/\/console\.test\/invitations\/[A-Za-z0-9_-]{43}$/);
    const stored = await db().invitation.findUniqueOrThrow({ where: { id: outcome.invitationId }, include: { roles: true } });
    expect(stored.email).toBe(to);
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.roles[0].namespaces).toEqual(["company.team"]);
    const days = (stored.expiresAt.getTime() - stored.createdAt.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(7, 1);
    const entry = await db().auditLog.findFirstOrThrow({ where: { resourceId: stored.id, action: "CREATE" } });
    expect(JSON.stringify({ ...entry, id: String(entry.id) })).not.toContain(token);
    expect(entry.details).toContain("Developer on company.team");
    // What the invitation concerns (lib/iam/authz/concerns.ts): who besides tenant-wide readers sees it and its entry.
    expect(stored.namespaces).toEqual(["company.team"]);
    expect(entry.namespaces).toEqual(["company.team"]);
    // One inserting transaction for the invitation and its entry...
    expect(await xminOf("audit_logs", "resource_id", stored.id)).toBe(await xminOf("invitations", "id", stored.id));
    // ...so an entry that cannot be written takes the invitation with it.
    const unrecorded = email();
    auditControl.fail = true;
    await expect(createInvitation(await actorFor(admin.id, tenant), await roleInvite(unrecorded, "Developer"), ORIGIN)).rejects.toThrow("audit store unavailable");
    expect(await db().invitation.count({ where: { tenantId: tenant, email: unrecorded } })).toBe(0);
  });

  it("answers already-pending for a second invite, already-member for a member, and grants an existing account directly", async () => {
    const actor = await actorFor(admin.id, tenant);
    const to = email();
    const first = await createInvitation(actor, await roleInvite(to, "Viewer"), ORIGIN);
    const second = await createInvitation(actor, await roleInvite(to, "Viewer"), ORIGIN);
    expect(second).toMatchObject({ kind: "already-pending", invitationId: first.kind === "invited" ? first.invitationId : "" });
    expect(await db().invitation.count({ where: { tenantId: tenant, email: to } })).toBe(1);

    const member = await createMember(tenant);
    expect(await createInvitation(actor, await roleInvite(member.email, "Viewer"), ORIGIN)).toEqual({ kind: "already-member", email: member.email });

    const outsider = await createMember(await createTenant());
    expect(await createInvitation(actor, await roleInvite(outsider.email, "Viewer", ["other"]), ORIGIN)).toEqual({ kind: "access-granted", email: outsider.email });
    expect(await db().tenantAccess.count({ where: { tenantId: tenant, userId: outsider.id } })).toBe(1);
    expect(await db().binding.count({ where: { tenantId: tenant, userId: outsider.id, namespace: "other" } })).toBe(1);
    expect(await db().invitation.count({ where: { email: outsider.email } })).toBe(0);
  });

  it("makes one invitation when two admins invite the same address at the same moment", async () => {
    const actor = await actorFor(admin.id, tenant);
    const to = email();
    const outcomes = await Promise.all([1, 2, 3, 4].map(async () => createInvitation(actor, await roleInvite(to, "Viewer"), ORIGIN)));
    expect(outcomes.filter((outcome) => outcome.kind === "invited")).toHaveLength(1);
    expect(await db().invitation.count({ where: { tenantId: tenant, email: to } })).toBe(1);
  });

  it("delegated admins invite only within their namespace, never tenant-wide, elsewhere or into groups", async () => {
    const delegate = await actorFor(teamAdmin.id, tenant);
    expect((await createInvitation(delegate, await roleInvite(email(), "Developer", ["company.team.data"]), ORIGIN)).kind).toBe("invited");
    await expect(createInvitation(delegate, await roleInvite(email(), "Developer", ["company"]), ORIGIN)).rejects.toThrow(Forbidden);
    await expect(createInvitation(delegate, await roleInvite(email(), "Developer"), ORIGIN)).rejects.toThrow(Forbidden);
    const group = await db().group.create({ data: { tenantId: tenant, name: `g-${Date.now()}` } });
    const toGroup = inviteSchema.parse({ email: email(), access: { mode: "GROUP", groupIds: [group.id] } });
    await expect(createInvitation(delegate, toGroup, ORIGIN)).rejects.toThrow(Forbidden);
  });

  it("only a superadmin invites a superadmin; a Viewer cannot invite at all; nothing is written when refused", async () => {
    const to = email();
    const asSuperadmin = inviteSchema.parse({ email: to, superAdmin: true, access: { mode: "ROLE", roleId: await roleId(tenant, "Viewer"), namespaces: [] } });
    await expect(createInvitation(await actorFor(admin.id, tenant), asSuperadmin, ORIGIN)).rejects.toThrow(/Only a superadmin/);
    const viewer = await createMember(tenant);
    await bind(tenant, viewer.id, "Viewer");
    await expect(createInvitation(await actorFor(viewer.id, tenant), await roleInvite(to, "Viewer", ["company"]), ORIGIN)).rejects.toThrow(Forbidden);
    expect(await db().invitation.count({ where: { email: to } })).toBe(0);
    const superadmin = await createMember(tenant, { superAdmin: true });
    expect((await createInvitation(await actorFor(superadmin.id, tenant), asSuperadmin, ORIGIN)).kind).toBe("invited");
  });

  it("refuses roles, groups and namespaces that are not this tenant's", async () => {
    const actor = await actorFor(admin.id, tenant);
    const foreign = await roleId(await createTenant(), "Viewer");
    await expect(createInvitation(actor, inviteSchema.parse({ email: email(), access: { mode: "ROLE", roleId: foreign, namespaces: [] } }), ORIGIN)).rejects.toThrow(NotFound);
    await expect(createInvitation(actor, await roleInvite(email(), "Viewer", ["not.registered"]), ORIGIN)).rejects.toThrow(NotFound);
  });
});

describe("inviteSchema: hostile input is refused before anything runs", () => {
  it.each([
    [{ email: "not-an-email", access: { mode: "ROLE", roleId: "00000000-0000-4000-8000-000000000000" } }],
    [{ email: `${"a".repeat(300)}@x.io`, access: { mode: "ROLE", roleId: "00000000-0000-4000-8000-000000000000" } }],
    [{ email: "<script>@x.io", access: { mode: "ROLE", roleId: "00000000-0000-4000-8000-000000000000" } }],
    [{ email: "a@x.io", access: { mode: "ROLE", roleId: "'; DROP TABLE users; --" } }],
    [{ email: "a@x.io", access: { mode: "GROUP", groupIds: [] } }],
    [{ email: "a@x.io", access: { mode: "ROLE", roleId: "00000000-0000-4000-8000-000000000000", namespaces: ["Company"] } }],
    [{ email: "a@x.io", access: { mode: "ADMIN" } }],
    [{ email: "a@x.io" }],
    [null],
  ])("refuses %j", (input) => {
    expect(inviteSchema.safeParse(input).success).toBe(false);
  });
});

describe("resend and revoke", () => {
  it("resend rotates the token and the expiry; the old link stops working; both are audited", async () => {
    const actor = await actorFor(admin.id, tenant);
    const created = await createInvitation(actor, await roleInvite(email(), "Viewer"), ORIGIN);
    if (created.kind !== "invited") throw new Error("expected an invitation");
    await db().invitation.update({ where: { id: created.invitationId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const resent = await resendInvitation(actor, created.invitationId, ORIGIN);
    expect(resent.link).not.toBe(created.link);
    const stored = await db().invitation.findUniqueOrThrow({ where: { id: created.invitationId } });
    expect(stored.tokenHash).toBe(hashToken(resent.link.split("/invitations/")[1]));
    expect(stored.expiresAt.getTime()).toBeGreaterThan(Date.now());

    await revokeInvitation(actor, created.invitationId);
    expect((await db().invitation.findUniqueOrThrow({ where: { id: created.invitationId } })).revokedAt).toBeInstanceOf(Date);
    await expect(resendInvitation(actor, created.invitationId, ORIGIN)).rejects.toThrow(/revoked/);
    const entries = await db().auditLog.findMany({ where: { resourceId: created.invitationId }, orderBy: { id: "asc" } });
    expect(entries.map((entry) => [entry.action, entry.namespaces])).toEqual([["CREATE", []], ["RESEND", []], ["REVOKE", []]]);
  });

  it("a delegated admin resends and revokes on their namespace, recorded there", async () => {
    const actor = await actorFor(teamAdmin.id, tenant);
    const created = await createInvitation(actor, await roleInvite(email(), "Viewer", ["company.team.data", "company.team"]), ORIGIN);
    if (created.kind !== "invited") throw new Error("expected an invitation");
    await resendInvitation(actor, created.invitationId, ORIGIN);
    await revokeInvitation(actor, created.invitationId);
    const entries = await db().auditLog.findMany({ where: { resourceId: created.invitationId }, orderBy: { id: "asc" } });
    expect(entries.map((entry) => [entry.action, entry.namespaces])).toEqual([
      ["CREATE", ["company.team", "company.team.data"]],
      ["RESEND", ["company.team", "company.team.data"]],
      ["REVOKE", ["company.team", "company.team.data"]],
    ]);
  });

  it("a delegated admin cannot revoke a tenant-wide invitation", async () => {
    const created = await createInvitation(await actorFor(admin.id, tenant), await roleInvite(email(), "Viewer"), ORIGIN);
    if (created.kind !== "invited") throw new Error("expected an invitation");
    await expect(revokeInvitation(await actorFor(teamAdmin.id, tenant), created.invitationId)).rejects.toThrow(Forbidden);
  });
});
