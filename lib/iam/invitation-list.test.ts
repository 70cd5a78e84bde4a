import { beforeAll, describe, expect, it, vi } from "vitest";
import type { TenantActor } from "@/lib/auth/tenant-actor";
import { db } from "@/lib/db/client";
import { Forbidden } from "@/lib/iam/errors";
import { INVITATIONS_PAGE_SIZE, listInvitationPage } from "@/lib/iam/invitation-list";
import { invitationStatus, type InvitationStatus } from "@/lib/iam/invitation-status";
import { encodeCursor } from "@/lib/iam/cursor";
import { invitationFiltersSchema } from "@/lib/iam/schemas/invitations";
import { hashToken, newToken } from "@/lib/iam/tokens";
import { actorFor, bind, createMember, createTenant, roleId } from "@/test/fixtures";

// tenant-actor.ts reaches Auth.js (next-auth), which does not load outside Next; the session is not under test here.
vi.mock("@/lib/auth/actor", () => ({ currentActor: vi.fn(), requireActor: vi.fn() }));

const NOW = new Date("2030-06-15T12:00:00.000Z");
const HOUR = 3_600_000;
const STATUSES: InvitationStatus[] = ["PENDING", "EXPIRED", "ACCEPTED", "REVOKED"];

let tenant: string;
let otherTenant: string;
let admin: TenantActor;
let invitations: { id: string; email: string; createdAt: Date; status: InvitationStatus }[] = [];

/** Arranges an invitation in a given status directly, with a chosen creation time. */
async function arrange(tenantId: string, email: string, createdAt: Date, status: InvitationStatus, invitedById: string, roleName = "Viewer", namespaces: string[] = []) {
  const invitation = await db().invitation.create({
    data: {
      tenantId,
      email,
      tokenHash: hashToken(newToken()),
      invitedById,
      createdAt,
      sentAt: createdAt,
      expiresAt: status === "EXPIRED" ? new Date(NOW.getTime() - HOUR) : new Date(NOW.getTime() + 24 * HOUR),
      acceptedAt: status === "ACCEPTED" ? NOW : null,
      revokedAt: status === "REVOKED" ? NOW : null,
      deliveryStatus: "SENT",
      roles: { create: [{ roleId: await roleId(tenantId, roleName), namespaces }] },
    },
  });
  return { id: invitation.id, email, createdAt, status };
}

const filters = (raw: Record<string, string>) => invitationFiltersSchema.parse(raw);
const newestFirst = (a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }) =>
  b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

async function walk(actor: TenantActor, raw: Record<string, string>) {
  const ids: string[] = [];
  let page = await listInvitationPage(actor, filters(raw), NOW);
  ids.push(...page.invitations.map((row) => row.id));
  for (let guard = 0; page.nextCursor && guard < 20; guard++) {
    expect(page.invitations).toHaveLength(INVITATIONS_PAGE_SIZE);
    page = await listInvitationPage(actor, filters({ ...raw, after: page.nextCursor }), NOW);
    ids.push(...page.invitations.map((row) => row.id));
  }
  return ids;
}

beforeAll(async () => {
  tenant = await createTenant();
  otherTenant = await createTenant();
  const inviter = await createMember(tenant, { superAdmin: true });
  admin = await actorFor(inviter.id, tenant);
  const base = NOW.getTime() - 100 * HOUR;
  for (let index = 0; index < 64; index++) {
    // Every fourth invitation shares its creation time with the previous one: the id must break the tie.
    const createdAt = new Date(base + (index - (index % 4 === 3 ? 1 : 0)) * 60_000);
    const status = STATUSES[index % STATUSES.length];
    invitations.push(await arrange(tenant, `list${String(index).padStart(2, "0")}-${tenant}@invite.test`, createdAt, status, inviter.id));
  }
  invitations.push(await arrange(tenant, `o'hara_100%-${tenant}@invite.test`, new Date(base - HOUR), "PENDING", inviter.id));
  await arrange(otherTenant, `list00-${otherTenant}@invite.test`, new Date(base), "PENDING", inviter.id);
  await arrange(otherTenant, `list01-${tenant}@invite.test`, new Date(base + 60_000), "PENDING", inviter.id);
  invitations = invitations.sort(newestFirst);
});

describe("invitation list (real PostgreSQL)", () => {
  it("pages newest first, 25 a page, every invitation of this tenant exactly once, ties broken by id", async () => {
    const first = await listInvitationPage(admin, filters({}), NOW);
    expect(first.invitations).toHaveLength(INVITATIONS_PAGE_SIZE);
    expect(first.nextCursor).toBeDefined();
    expect(await walk(admin, {})).toEqual(invitations.map((invitation) => invitation.id));
  });

  it.each(STATUSES)("filters by status %s in the query, consistent with invitationStatus()", async (status) => {
    const expected = invitations.filter((invitation) => invitation.status === status).map((invitation) => invitation.id);
    const seen = await walk(admin, { status });
    expect(seen).toEqual(expected);
    const page = await listInvitationPage(admin, filters({ status }), NOW);
    expect(page.invitations.every((row) => row.status === status)).toBe(true);
  });

  it("derives the status from the same clock it filters with", async () => {
    const later = new Date(NOW.getTime() + 48 * HOUR);
    const page = await listInvitationPage(admin, filters({ status: "PENDING" }), later);
    expect(page.invitations).toHaveLength(0);
    const expired = await listInvitationPage(admin, filters({ status: "EXPIRED" }), later);
    expect(expired.invitations.map((row) => invitationStatus({ acceptedAt: null, revokedAt: null, expiresAt: row.expiresAt }, later))).not.toContain("PENDING");
  });

  it("searches emails by prefix, case-insensitively, combined with the status filter", async () => {
    const page = await listInvitationPage(admin, filters({ q: "LIST0" }), NOW);
    expect(page.invitations.map((row) => row.email).sort()).toEqual(invitations.filter((i) => i.email.startsWith("list0")).map((i) => i.email).sort());
    const combined = await listInvitationPage(admin, filters({ q: "list1", status: "ACCEPTED" }), NOW);
    expect(combined.invitations.length).toBeGreaterThan(0);
    expect(combined.invitations.every((row) => row.email.startsWith("list1") && row.status === "ACCEPTED")).toBe(true);
  });

  it("treats LIKE wildcards and SQL in the search as plain text", async () => {
    expect((await listInvitationPage(admin, filters({ q: "o'hara_100%" }), NOW)).invitations.map((row) => row.email)).toEqual([`o'hara_100%-${tenant}@invite.test`]);
    expect((await listInvitationPage(admin, filters({ q: "o'hara%" }), NOW)).invitations).toHaveLength(0);
    expect((await listInvitationPage(admin, filters({ q: "%" }), NOW)).invitations).toHaveLength(0);
    expect((await listInvitationPage(admin, filters({ q: "\\" }), NOW)).invitations).toHaveLength(0);
    expect((await listInvitationPage(admin, filters({ q: "' OR 1=1 --" }), NOW)).invitations).toHaveLength(0);
  });

  it("never shows another tenant's invitations, even when the search matches them", async () => {
    const seen = await walk(admin, {});
    expect(seen).toHaveLength(invitations.length);
    const page = await listInvitationPage(admin, filters({ q: otherTenant }), NOW);
    expect(page.invitations).toHaveLength(0);
    const sameEmail = await listInvitationPage(admin, filters({ q: `list01-${tenant}` }), NOW);
    expect(sameEmail.invitations).toHaveLength(1);
    expect(sameEmail.invitations[0].id).toBe(invitations.find((i) => i.email === `list01-${tenant}@invite.test`)!.id);
  });

  it.each([
    ["garbage", "not-a-cursor"],
    ["wrong arity", encodeCursor(["2030-01-01T00:00:00.000Z"])],
    ["bad date", encodeCursor(["yesterday", "00000000-0000-4000-8000-000000000000"])],
    ["bad id", encodeCursor(["2030-01-01T00:00:00.000Z", "1; DROP TABLE invitations"])],
    ["null values", encodeCursor([null, null])],
    ["oversized", "A".repeat(5000)],
    ["NUL in a value", encodeCursor(["2030-01-01T00:00:00.000Z\u0000", "00000000-0000-4000-8000-000000000000"])],
  ])("ignores a tampered cursor (%s) and shows the first page", async (_label, after) => {
    const first = await listInvitationPage(admin, filters({}), NOW);
    const page = await listInvitationPage(admin, filters({ after }), NOW);
    expect(page.invitations.map((row) => row.id)).toEqual(first.invitations.map((row) => row.id));
  });

  it("describes access and offers Resend/Revoke only on open invitations the actor may manage", async () => {
    const rows = (await listInvitationPage(admin, filters({}), NOW)).invitations;
    expect(rows[0].access).toBe("Viewer, tenant-wide");
    for (const row of rows) {
      const isOpen = row.status === "PENDING" || row.status === "EXPIRED";
      expect(row.canResend).toBe(isOpen);
      expect(row.canRevoke).toBe(isOpen);
    }

    const scoped = await createMember(tenant);
    await bind(tenant, scoped.id, "Admin", "company.team");
    const delegated = await actorFor(scoped.id, tenant);
    const onTeam = await arrange(tenant, `scoped-${tenant}@invite.test`, NOW, "PENDING", scoped.id, "Viewer", ["company.team.data"]);
    const delegatedRows = (await listInvitationPage(delegated, filters({ status: "PENDING" }), NOW)).invitations;
    expect(delegatedRows.find((row) => row.id === onTeam.id)).toMatchObject({ access: "Viewer on company.team.data", canResend: true, canRevoke: true, inviter: "Test User" });
    expect(delegatedRows.filter((row) => row.id !== onTeam.id).every((row) => !row.canResend && !row.canRevoke)).toBe(true);
    await db().invitation.delete({ where: { id: onTeam.id } });
  });

  it("refuses someone without INVITATION:READ anywhere", async () => {
    const developer = await createMember(tenant);
    await bind(tenant, developer.id, "Developer");
    await expect(listInvitationPage(await actorFor(developer.id, tenant), filters({}), NOW)).rejects.toBeInstanceOf(Forbidden);
  });

  it("parses hostile URL state into safe filters", () => {
    expect(filters({ status: "PENDING' OR 1=1", q: "x".repeat(300), after: "y".repeat(3000) })).toEqual({ status: undefined, q: undefined, after: undefined });
    expect(filters({ status: "REVOKED", q: "  ada  " })).toEqual({ status: "REVOKED", q: "ada" });
  });

  it("searches with a NUL or other control character as a space instead of failing", async () => {
    // PostgreSQL rejects NUL in text: before this, such a URL failed the whole page.
    expect(filters({ q: "list01\u0000\u0007" }).q).toBe("list01");
    const page = await listInvitationPage(admin, filters({ q: "list01\u0000" }), NOW);
    expect(page.invitations.map((row) => row.email)).toContain(`list01-${tenant}@invite.test`);
    expect((await listInvitationPage(admin, filters({ q: "li\u0000st01" }), NOW)).invitations).toEqual([]);
  });
});
