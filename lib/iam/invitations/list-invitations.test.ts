import { beforeAll, describe, expect, it, vi } from "vitest";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { db } from "@/lib/db/client";
import { Forbidden } from "@/lib/iam/errors";
import { INVITATIONS_PAGE_SIZE, listInvitationPage } from "./list-invitations";
import { invitationStatus, type InvitationStatus } from "./invitation-status";
import { encodeCursor } from "@/lib/pagination/cursor";
import { createInvitations } from "./create-bulk-invitations";
import { createInvitation, resendInvitation, revokeInvitation } from "./create-invitation";
import { invitationFiltersSchema, inviteSchema, type AccessInput } from "./invitation-schemas";
import { hashToken, newToken } from "./invitation-tokens";
import { actorFor, bind, createMember, createTenant, roleId } from "@/test/fixtures";

// tenant-actor.ts reaches Auth.js (next-auth), which does not load outside Next; the session is not under test here.
vi.mock("@/lib/auth/current-actor", () => ({ currentActor: vi.fn(), requireActor: vi.fn() }));

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
      // What insertInvitations stores for a role invitation (lib/iam/authz/concerns.ts): the role's namespaces.
      namespaces,
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
    expect(rows[0].access).toBe("Viewer tenant-wide");
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
    // The tenant-wide invitations are not in a namespace admin's list at all (see the scoped tests below).
    expect(delegatedRows).toEqual([expect.objectContaining({ id: onTeam.id, access: "Viewer on company.team.data", canResend: true, canRevoke: true, inviter: "Test User" })]);
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

describe("invitation list scoped to the reader's namespaces (real PostgreSQL)", () => {
  const ORIGIN = "http://console.test";
  let scopedTenant: string;
  let root: TenantActor;
  let companyAdmin: TenantActor;
  let tenantReader: TenantActor;
  /** label → invitation id, for the invitations made through the real invite functions. */
  const made = new Map<string, string>();

  const viewerOn = async (namespaces: string[]): Promise<AccessInput> => ({ mode: "ROLE", roleId: await roleId(scopedTenant, "Viewer"), namespaces });
  async function invite(label: string, access: AccessInput, superAdmin = false) {
    const outcome = await createInvitation(root, inviteSchema.parse({ email: `${label.replace(/[^a-z0-9]+/g, "-")}-${scopedTenant}@scoped.test`, access, superAdmin }), ORIGIN);
    if (outcome.kind !== "invited") throw new Error(`expected an invitation, got ${outcome.kind}`);
    made.set(label, outcome.invitationId);
  }
  const createdAt = new Map<string, Date>();
  /** The invitations by label, in the list's order (those made in one millisecond, like a bulk invite's, by id). */
  const idsOf = (labels: string[]) =>
    labels
      .map((label) => ({ id: made.get(label)!, createdAt: createdAt.get(made.get(label)!)! }))
      .sort(newestFirst)
      .map((row) => row.id);
  const listed = async (actor: TenantActor, raw: Record<string, string> = {}) => (await listInvitationPage(actor, filters(raw))).invitations.map((row) => row.id);

  beforeAll(async () => {
    scopedTenant = await createTenant(["company", "company.team", "company.team.data", "companyx", "other"]);
    root = await actorFor((await createMember(scopedTenant, { superAdmin: true })).id, scopedTenant);
    const admin = await createMember(scopedTenant);
    await bind(scopedTenant, admin.id, "Admin", "company");
    companyAdmin = await actorFor(admin.id, scopedTenant);
    const reader = await createMember(scopedTenant);
    const role = await db().role.create({ data: { tenantId: scopedTenant, name: "Invitation reader", permissions: { INVITATION: ["READ"] } } });
    await db().binding.create({ data: { tenantId: scopedTenant, type: "USER", userId: reader.id, roleId: role.id } });
    tenantReader = await actorFor(reader.id, scopedTenant);
    const group = await db().group.create({ data: { tenantId: scopedTenant, name: "Company team" } });
    await db().binding.create({ data: { tenantId: scopedTenant, type: "GROUP", groupId: group.id, roleId: await roleId(scopedTenant, "Viewer"), namespace: "company" } });

    // Oldest first; the list shows them newest first.
    await invite("on company", await viewerOn(["company"]));
    await invite("on company.team.data", await viewerOn(["company.team.data"]));
    await invite("on company and company.team", await viewerOn(["company.team", "company"]));
    await invite("on company and other", await viewerOn(["company", "other"]));
    await invite("on other", await viewerOn(["other"]));
    await invite("on companyx", await viewerOn(["companyx"]));
    await invite("tenant-wide", await viewerOn([]));
    // The group is bound on company only, but a group's bindings can change: an invitation into it is tenant-wide.
    await invite("into a group", { mode: "GROUP", groupIds: [group.id] });
    await invite("superadmin on company", await viewerOn(["company"]), true);
    for (const row of await createInvitations(root, [`bulk-1-${scopedTenant}@scoped.test`, `bulk-2-${scopedTenant}@scoped.test`], await viewerOn(["company.team"]), ORIGIN)) {
      expect(row.outcome).toBe("invited");
      const stored = await db().invitation.findFirstOrThrow({ where: { tenantId: scopedTenant, email: row.email } });
      made.set(row.email.slice(0, 6), stored.id);
    }
    for (const row of await db().invitation.findMany({ where: { id: { in: [...made.values()] } } })) createdAt.set(row.id, row.createdAt);
  });

  const READABLE_BY_COMPANY_ADMIN = ["on company", "on company.team.data", "on company and company.team", "bulk-1", "bulk-2"];

  it("stores what each invitation concerns, single or bulk", async () => {
    const stored = async (label: string) => (await db().invitation.findUniqueOrThrow({ where: { id: made.get(label)! } })).namespaces;
    expect(await stored("on company and company.team")).toEqual(["company", "company.team"]);
    expect(await stored("on company and other")).toEqual(["company", "other"]);
    expect(await stored("tenant-wide")).toEqual([]);
    expect(await stored("into a group")).toEqual([]);
    expect(await stored("superadmin on company")).toEqual([]);
    expect(await stored("bulk-1")).toEqual(["company.team"]);
  });

  it("shows a namespace-scoped admin only the invitations confined to their namespaces", async () => {
    expect(await listed(companyAdmin)).toEqual(idsOf(READABLE_BY_COMPANY_ADMIN));
    const rows = (await listInvitationPage(companyAdmin, filters({}))).invitations;
    expect(rows.every((row) => row.canResend && row.canRevoke)).toBe(true);
  });

  it("shows every invitation to a tenant-wide reader and to a superadmin", async () => {
    const all = idsOf([...made.keys()]);
    expect(await listed(tenantReader)).toEqual(all);
    expect(await listed(root)).toEqual(all);
    // Reading is not managing: the reader may neither resend nor revoke.
    expect((await listInvitationPage(tenantReader, filters({}))).invitations.some((row) => row.canResend || row.canRevoke)).toBe(false);
  });

  it("combines the scope with the search and the status filter", async () => {
    expect(await listed(companyAdmin, { q: "on-company" })).toEqual(idsOf(["on company", "on company.team.data", "on company and company.team"]));
    expect(await listed(companyAdmin, { q: "on-company-and" })).toEqual(idsOf(["on company and company.team"]));
    expect(await listed(companyAdmin, { q: "on-other" })).toEqual([]);
    expect(await listed(companyAdmin, { q: "superadmin" })).toEqual([]);
    await revokeInvitation(root, made.get("on company.team.data")!);
    expect(await listed(companyAdmin, { status: "REVOKED" })).toEqual(idsOf(["on company.team.data"]));
    expect(await listed(companyAdmin, { status: "PENDING" })).toEqual(idsOf(READABLE_BY_COMPANY_ADMIN.filter((label) => label !== "on company.team.data")));
    expect(await listed(companyAdmin, { status: "PENDING", q: "bulk-1" })).toEqual(idsOf(["bulk-1"]));
  });

  it("refuses to resend or revoke what the reader cannot see, even where they hold the action", async () => {
    // INVITATION:UPDATE and DELETE on company are enough for the role, but the invitation also makes a superadmin.
    await expect(revokeInvitation(companyAdmin, made.get("superadmin on company")!)).rejects.toBeInstanceOf(Forbidden);
    await expect(resendInvitation(companyAdmin, made.get("into a group")!, ORIGIN)).rejects.toBeInstanceOf(Forbidden);
    await expect(revokeInvitation(companyAdmin, made.get("on company and other")!)).rejects.toBeInstanceOf(Forbidden);

    // Revoking on company, but reading only on company.team: the invitation on company is out of sight, so out of reach.
    const revoker = await createMember(scopedTenant);
    const revoke = await db().role.create({ data: { tenantId: scopedTenant, name: "Revoker", permissions: { INVITATION: ["DELETE"] } } });
    const read = await db().role.findFirstOrThrow({ where: { tenantId: scopedTenant, name: "Invitation reader" } });
    await db().binding.createMany({
      data: [
        { tenantId: scopedTenant, type: "USER", userId: revoker.id, roleId: revoke.id, namespace: "company" },
        { tenantId: scopedTenant, type: "USER", userId: revoker.id, roleId: read.id, namespace: "company.team" },
      ],
    });
    const partial = await actorFor(revoker.id, scopedTenant);
    expect(await listed(partial)).toEqual(idsOf(["on company.team.data", "bulk-1", "bulk-2"]));
    await expect(revokeInvitation(partial, made.get("on company")!)).rejects.toBeInstanceOf(Forbidden);
    expect((await listInvitationPage(partial, filters({ q: "bulk-1" }))).invitations[0]).toMatchObject({ canRevoke: true, canResend: false });
    await revokeInvitation(partial, made.get("bulk-1")!);

    await resendInvitation(companyAdmin, made.get("on company")!, ORIGIN);
    await revokeInvitation(companyAdmin, made.get("on company")!);
  });

  it("pages a scoped reader through exactly their invitations, ties broken by id", async () => {
    // 80 more, four to a minute, cycling through scopes: the company admin may read half.
    const inviter = (await db().user.findUniqueOrThrow({ where: { id: root.id } })).id;
    const cycle = [["company.team"], ["other"], [], ["company"]];
    const base = NOW.getTime() - 50 * HOUR;
    const arranged: { id: string; createdAt: Date; namespaces: string[] }[] = [];
    for (let index = 0; index < 80; index++) {
      const createdAt = new Date(base + Math.floor(index / 4) * 60_000);
      const namespaces = cycle[index % cycle.length];
      const row = await arrange(scopedTenant, `paged${String(index).padStart(2, "0")}-${scopedTenant}@scoped.test`, createdAt, "PENDING", inviter, "Viewer", namespaces);
      arranged.push({ id: row.id, createdAt, namespaces });
    }
    const expected = arranged.filter((row) => row.namespaces.length > 0 && row.namespaces[0] !== "other").sort(newestFirst).map((row) => row.id);
    expect(expected).toHaveLength(40);
    const seen = await walk(companyAdmin, { q: "paged" });
    expect(seen).toEqual(expected);
    const byTenantReader = await walk(tenantReader, { q: "paged" });
    expect(byTenantReader).toEqual([...arranged].sort(newestFirst).map((row) => row.id));
  });
});
