import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startResendStandIn } from "@/e2e/resend-stand-in";
import { db } from "@/lib/db/client";
import { processOutbox } from "@/lib/email/outbox";
import { account, actorFor, bind, createMember, createTenant, insertInvitation, unique } from "@/test/fixtures";
import { acceptWithNewAccount, InvitationUnavailable, viewInvitation } from "./accept-invitation";
import { resendInvitation, revokeInvitation } from "./create-invitation";
import { invitationFiltersSchema } from "./invitation-schemas";
import { hashToken, newToken } from "./invitation-tokens";
import { listInvitationPage } from "./list-invitations";
import { countRenewalRequests } from "./renewal-requests";
import { RENEWAL_REQUEST_INTERVAL_MS, requestInvitationRenewal } from "./request-renewal";

// "Ask for a new link" against real PostgreSQL, and its email through the real Resend SDK to a local Resend
// stand-in. Config is read once per file, lazily, so email and APP_URL are configured before anything reads them.
const standIn = await startResendStandIn();
vi.stubEnv("RESEND_API_KEY", "re_renewal_requests_test");
vi.stubEnv("RESEND_BASE_URL", standIn.url);
vi.stubEnv("APP_URL", "https://iam.example.test");

const ORIGIN = "http://localhost:3000";
const DOMAIN = "renewal.test";
const person = (label: string) => `${unique(label)}@${DOMAIN}`;

beforeAll(async () => {
  // Emails queued by files that ran before this one on the worker's database are not this file's to send.
  await db().emailOutbox.updateMany({ where: { status: { in: ["QUEUED", "SENDING"] } }, data: { status: "DEAD" } });
});

afterAll(async () => {
  await standIn.close();
  vi.unstubAllEnvs();
});

async function tenantWithInviter() {
  const tenantId = await createTenant();
  const inviter = await createMember(tenantId, { email: person("inviter") });
  await bind(tenantId, inviter.id, "Admin");
  return { tenantId, inviter };
}

const expiredAt = () => new Date(Date.now() - 60_000);
const expiredInvitation = (tenantId: string, inviterId: string | null, options: Parameters<typeof insertInvitation>[2] = {}) =>
  insertInvitation(tenantId, inviterId, { email: person("invitee"), role: { name: "Viewer" }, expiresAt: expiredAt(), ...options });

const queuedTo = (to: string) => db().emailOutbox.findMany({ where: { to }, orderBy: { createdAt: "asc" } });
const requestEntries = (invitationId: string) =>
  db().auditLog.findMany({ where: { resourceId: invitationId, action: "UPDATE", details: { startsWith: "Renewal requested" } } });
const requestedAt = async (invitationId: string) => (await db().invitation.findUniqueOrThrow({ where: { id: invitationId } })).renewalRequestedAt;
const filters = (input: Record<string, string> = {}) => invitationFiltersSchema.parse(input);

async function reasonOf(promise: Promise<unknown>) {
  try {
    await promise;
    return "resolved";
  } catch (error) {
    return error instanceof InvitationUnavailable ? error.reason : "other";
  }
}

describe("asking for a new link on an expired invitation", () => {
  it("records the request, audits it with no actor, and emails the inviter a link to the Invitations tab (never the invitation's)", async () => {
    const { tenantId, inviter } = await tenantWithInviter();
    const { token, email, invitationId } = await expiredInvitation(tenantId, inviter.id);
    const before = Date.now();

    expect(await requestInvitationRenewal(token, ORIGIN)).toEqual({ outcome: "requested", notified: [inviter.email] });

    expect((await requestedAt(invitationId))!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const [entry, ...more] = await requestEntries(invitationId);
    expect(more).toHaveLength(0);
    expect(entry).toMatchObject({ tenantId, actorId: null, actorEmail: "system", resourceType: "INVITATION", namespaces: [] });
    expect(entry.details).toContain(email);
    expect(entry.details).toContain(inviter.email);
    expect(JSON.stringify({ ...entry, id: String(entry.id) })).not.toContain(token);

    const [queued] = await queuedTo(inviter.email);
    const tabLink = `https://iam.example.test/${tenantId}/admin/iam/invitations?renewal=requested`;
    expect(queued).toMatchObject({ invitationId: null, subject: `${email} asked for a new invitation link to ${tenantId}`, status: "QUEUED" });
    for (const part of [queued.text, queued.html]) {
      expect(part).toContain(email);
      expect(part).toContain("Viewer tenant-wide");
      expect(part).toContain(tabLink);
      expect(part).not.toContain(token);
      expect(part).not.toMatch(/\/invitations\/[A-Za-z0-9_-]{43}/);
    }
    expect(queued.text).toContain("You sent this invitation.");

    // Sent although its invitation is expired: the email is tied to no invitation, so the outbox does not cancel it.
    await processOutbox();
    const delivered = standIn.emails.filter((sent) => sent.to.includes(inviter.email));
    expect(delivered).toHaveLength(1);
    expect(delivered[0].text).toContain(tabLink);
  });

  it("tells the tenant's admins who may resend it, by email, when the inviter is gone, removed from the tenant or lost the right", async () => {
    const tenantId = await createTenant();
    const direct = await createMember(tenantId, { email: `a-${unique("admin")}@${DOMAIN}` });
    await bind(tenantId, direct.id, "Admin");
    const throughGroup = await createMember(tenantId, { email: `b-${unique("admin")}@${DOMAIN}` });
    const group = await db().group.create({ data: { tenantId, name: unique("admins") } });
    await db().binding.create({ data: { tenantId, type: "GROUP", groupId: group.id, roleId: (await db().role.findFirstOrThrow({ where: { tenantId, name: "Admin" } })).id } });
    await db().groupMembership.create({ data: { groupId: group.id, userId: throughGroup.id } });
    const disabled = await createMember(tenantId, { email: `c-${unique("admin")}@${DOMAIN}` });
    await bind(tenantId, disabled.id, "Admin");
    await db().user.update({ where: { id: disabled.id }, data: { disabled: true } });
    const delegated = await createMember(tenantId, { email: `d-${unique("admin")}@${DOMAIN}` });
    await bind(tenantId, delegated.id, "Admin", "company");
    const viewer = await createMember(tenantId, { email: `e-${unique("viewer")}@${DOMAIN}` });
    await bind(tenantId, viewer.id, "Viewer");
    // A superadmin of the instance who is not a member of this tenant.
    await db().user.create({ data: { email: `f-${unique("superadmin")}@${DOMAIN}`, superAdmin: true } });
    const admins = [direct.email, throughGroup.email];

    const gone = await expiredInvitation(tenantId, null);
    expect(await requestInvitationRenewal(gone.token, ORIGIN)).toEqual({ outcome: "requested", notified: admins });
    const [told] = await queuedTo(direct.email);
    expect(told.text).toContain("A former member sent it and can no longer resend it; you can.");

    const removed = await createMember(tenantId, { email: person("removed") });
    await bind(tenantId, removed.id, "Admin");
    const fromRemoved = await expiredInvitation(tenantId, removed.id);
    await db().binding.deleteMany({ where: { userId: removed.id } });
    await db().tenantAccess.deleteMany({ where: { userId: removed.id } });
    expect(await requestInvitationRenewal(fromRemoved.token, ORIGIN)).toEqual({ outcome: "requested", notified: admins });

    // Still a member, but may no longer grant Developer: resending it would be refused, so they are not asked.
    const demoted = await createMember(tenantId, { email: person("demoted") });
    await bind(tenantId, demoted.id, "Admin");
    const fromDemoted = await expiredInvitation(tenantId, demoted.id, { role: { name: "Developer" } });
    await db().binding.deleteMany({ where: { userId: demoted.id } });
    await bind(tenantId, demoted.id, "Viewer");
    expect(await requestInvitationRenewal(fromDemoted.token, ORIGIN)).toEqual({ outcome: "requested", notified: admins });
    expect(await queuedTo(demoted.email)).toHaveLength(0);
    expect((await queuedTo(direct.email)).at(-1)!.text).toContain("Test User sent it and can no longer resend it; you can.");

    for (const nobody of [disabled.email, delegated.email, viewer.email]) expect(await queuedTo(nobody)).toHaveLength(0);
  });

  it("asks only superadmins to renew a superadmin invitation, and records a request nobody may answer without emailing anyone", async () => {
    const tenantId = await createTenant();
    const admin = await createMember(tenantId, { email: `a-${unique("admin")}@${DOMAIN}` });
    await bind(tenantId, admin.id, "Admin");
    const superAdmin = await createMember(tenantId, { email: `s-${unique("superadmin")}@${DOMAIN}`, superAdmin: true });
    const invitation = await expiredInvitation(tenantId, null);
    await db().invitation.update({ where: { id: invitation.invitationId }, data: { superAdmin: true } });
    expect(await requestInvitationRenewal(invitation.token, ORIGIN)).toEqual({ outcome: "requested", notified: [superAdmin.email] });
    expect(await queuedTo(admin.email)).toHaveLength(0);

    const empty = await createTenant();
    const orphan = await expiredInvitation(empty, null);
    expect(await requestInvitationRenewal(orphan.token, ORIGIN)).toEqual({ outcome: "requested", notified: [] });
    expect((await requestEntries(orphan.invitationId))[0].details).toContain("nobody who may resend it could be told");
    expect(await requestedAt(orphan.invitationId)).toBeInstanceOf(Date);
  });

  it("does nothing for every token that is not an expired invitation's: unknown, malformed, pending, revoked, accepted, replaced", async () => {
    const { tenantId, inviter } = await tenantWithInviter();
    const actor = await actorFor(inviter.id, tenantId);
    const pending = await insertInvitation(tenantId, inviter.id, { email: person("pending"), role: { name: "Viewer" } });
    const revoked = await expiredInvitation(tenantId, inviter.id, { revokedAt: new Date() });
    const accepted = await expiredInvitation(tenantId, inviter.id, { acceptedAt: new Date() });
    const replaced = await expiredInvitation(tenantId, inviter.id);
    await resendInvitation(actor, replaced.invitationId, ORIGIN);
    // Expired again since: its current link would qualify, the replaced one never does.
    await db().invitation.update({ where: { id: replaced.invitationId }, data: { expiresAt: expiredAt() } });
    const tokens: unknown[] = [
      newToken(),
      "not-a-token",
      "A".repeat(100_000),
      "'; UPDATE invitations SET renewal_requested_at = now(); --",
      `${pending.token.slice(0, 42)}\u0000`,
      pending.token,
      revoked.token,
      accepted.token,
      replaced.token,
      null,
      42,
      { token: pending.token },
      [replaced.token],
    ];
    for (const token of tokens) expect(await requestInvitationRenewal(token, ORIGIN)).toEqual({ outcome: "nothing" });
    for (const { invitationId } of [pending, revoked, accepted, replaced]) {
      expect(await requestedAt(invitationId)).toBeNull();
      expect(await requestEntries(invitationId)).toHaveLength(0);
    }
    expect(await queuedTo(inviter.email)).toHaveLength(0);
  });

  it("counts one request per invitation a day, even from many at once", async () => {
    const { tenantId, inviter } = await tenantWithInviter();
    const { token, invitationId } = await expiredInvitation(tenantId, inviter.id);
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => requestInvitationRenewal(token, ORIGIN)));
    expect(outcomes.filter((result) => result.outcome === "requested")).toHaveLength(1);
    expect(await requestInvitationRenewal(token, ORIGIN, new Date(Date.now() + RENEWAL_REQUEST_INTERVAL_MS - 60_000))).toEqual({ outcome: "nothing" });
    expect(await requestEntries(invitationId)).toHaveLength(1);
    expect(await queuedTo(inviter.email)).toHaveLength(1);

    // A day later the invitee may ask again, which reminds the inviter.
    expect(await requestInvitationRenewal(token, ORIGIN, new Date(Date.now() + RENEWAL_REQUEST_INTERVAL_MS + 60_000))).toMatchObject({ outcome: "requested" });
    expect(await requestEntries(invitationId)).toHaveLength(2);
    expect(await queuedTo(inviter.email)).toHaveLength(2);
  });

  it("does nothing while a newer pending invitation to the same address exists", async () => {
    const { tenantId, inviter } = await tenantWithInviter();
    const old = await expiredInvitation(tenantId, inviter.id);
    await insertInvitation(tenantId, inviter.id, { email: old.email, role: { name: "Viewer" } });
    expect(await requestInvitationRenewal(old.token, ORIGIN)).toEqual({ outcome: "nothing" });
    expect(await requestedAt(old.invitationId)).toBeNull();
  });
});

describe("open renewal requests on the Invitations tab", () => {
  it("shows, counts and filters them for those who may see them; Resend answers and clears one, revoking ends one", async () => {
    const { tenantId, inviter } = await tenantWithInviter();
    const admin = await actorFor(inviter.id, tenantId);
    const teamLead = await createMember(tenantId, { email: person("team-lead") });
    await bind(tenantId, teamLead.id, "Admin", "company.team");
    const team = await actorFor(teamLead.id, tenantId);
    const tenantWide = await expiredInvitation(tenantId, inviter.id);
    const onTeam = await expiredInvitation(tenantId, teamLead.id, { role: { name: "Viewer", namespaces: ["company.team"] } });
    const unasked = await expiredInvitation(tenantId, inviter.id);
    for (const { token } of [tenantWide, onTeam]) expect(await requestInvitationRenewal(token, ORIGIN)).toMatchObject({ outcome: "requested" });

    const rows = (await listInvitationPage(admin, filters())).invitations;
    expect(rows.find((row) => row.id === tenantWide.invitationId)?.renewalRequestedAt).toBeInstanceOf(Date);
    expect(rows.find((row) => row.id === unasked.invitationId)?.renewalRequestedAt).toBeNull();
    expect(await countRenewalRequests(admin)).toBe(2);
    const asked = (await listInvitationPage(admin, filters({ renewal: "requested" }))).invitations.map((row) => row.id);
    expect(asked.sort()).toEqual([tenantWide.invitationId, onTeam.invitationId].sort());
    // A delegated reader counts and sees only the requests confined to their namespaces (docs/rules.md § Delegation 6).
    expect(await countRenewalRequests(team)).toBe(1);
    expect((await listInvitationPage(team, filters({ renewal: "requested" }))).invitations.map((row) => row.id)).toEqual([onTeam.invitationId]);
    // A malformed filter value is no filter.
    expect((await listInvitationPage(admin, filters({ renewal: "<script>" }))).invitations.length).toBeGreaterThanOrEqual(3);

    await resendInvitation(admin, tenantWide.invitationId, ORIGIN);
    expect(await requestedAt(tenantWide.invitationId)).toBeNull();
    const resent = await db().auditLog.findFirstOrThrow({ where: { resourceId: tenantWide.invitationId, action: "RESEND" } });
    expect(resent.details).toContain("as they asked");
    expect(await countRenewalRequests(admin)).toBe(1);
    expect((await listInvitationPage(admin, filters())).invitations.find((row) => row.id === tenantWide.invitationId)).toMatchObject({ status: "PENDING", renewalRequestedAt: null });

    await revokeInvitation(admin, onTeam.invitationId);
    expect(await countRenewalRequests(admin)).toBe(0);
    expect((await listInvitationPage(admin, filters({ renewal: "requested" }))).invitations).toHaveLength(0);
  });
});

describe("a link replaced by a resend", () => {
  it("says a newer invitation was sent, on the page and on accepting, keeps only hashes, and the newest link works", async () => {
    const { tenantId, inviter } = await tenantWithInviter();
    const actor = await actorFor(inviter.id, tenantId);
    const { token: first, email, invitationId } = await insertInvitation(tenantId, inviter.id, { email: person("replaced"), role: { name: "Viewer" } });
    const second = (await resendInvitation(actor, invitationId, ORIGIN)).link.split("/invitations/")[1];
    const newest = (await resendInvitation(actor, invitationId, ORIGIN)).link.split("/invitations/")[1];

    expect(await reasonOf(viewInvitation(first))).toBe("replaced");
    expect(await reasonOf(viewInvitation(second))).toBe("replaced");
    expect(await reasonOf(acceptWithNewAccount(second, account()))).toBe("replaced");
    expect(await db().user.count({ where: { email } })).toBe(0);
    // One character off a replaced link is just an invalid one: nothing is matched but the whole hash.
    expect(await reasonOf(viewInvitation(first.slice(0, -1) + (first.endsWith("A") ? "B" : "A")))).toBe("invalid");
    expect(await reasonOf(viewInvitation(newToken()))).toBe("invalid");

    const stored = await db().replacedInvitationToken.findMany({ where: { invitationId } });
    expect(stored.map((row) => row.tokenHash).sort()).toEqual([hashToken(first), hashToken(second)].sort());
    expect(JSON.stringify(stored)).not.toContain(first);
    expect(JSON.stringify(stored)).not.toContain(second);
    expect((await viewInvitation(newest)).id).toBe(invitationId);
  });
});
