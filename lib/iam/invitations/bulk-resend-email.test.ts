import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { actorFor, bind, createMember, createTenant, insertInvitation, unique } from "@/test/fixtures";
import { withFailingWrite } from "@/test/injected-failure";
import { resendInvitations } from "./bulk-invitations";
import { hashToken } from "./invitation-tokens";

// Bulk Resend with email configured: the emails go into the outbox in the resend's own transaction (nothing is sent
// here: no outbox worker runs in tests). Config is read once per file, lazily, so email is on before anything reads it.
vi.stubEnv("RESEND_API_KEY", "re_bulk_resend_test");

const ORIGIN = "http://console.test";
let tenant: string;
let admin: Awaited<ReturnType<typeof createMember>>;

afterAll(() => {
  vi.unstubAllEnvs();
});

beforeAll(async () => {
  tenant = await createTenant();
  admin = await createMember(tenant);
  await bind(tenant, admin.id, "Admin");
});

const invite = (options: Parameters<typeof insertInvitation>[2] = {}) => insertInvitation(tenant, admin.id, { email: `${unique("emailed")}@bulk.test`, role: { name: "Viewer" }, ...options });
const outbox = (invitationIds: string[]) => db().emailOutbox.findMany({ where: { invitationId: { in: invitationIds } }, orderBy: { createdAt: "asc" } });

describe("resendInvitations with email configured (real PostgreSQL)", () => {
  it("queues one email per resent invitation with its new link, drops the unsent old ones, and returns no link", async () => {
    const [first, second] = await Promise.all([invite(), invite()]);
    const accepted = await invite({ acceptedAt: new Date() });
    // An email of the old link still waiting: it must not go out once the link is replaced.
    await db().emailOutbox.create({ data: { invitationId: first.invitationId, to: first.email, subject: "old", html: first.token, text: first.token } });

    const rows = await resendInvitations(await actorFor(admin.id, tenant), [first.invitationId, second.invitationId, accepted.invitationId], ORIGIN);

    expect(rows).toEqual([
      { id: first.invitationId, email: first.email, outcome: "resent" },
      { id: second.invitationId, email: second.email, outcome: "resent" },
      { id: accepted.invitationId, email: accepted.email, outcome: "skipped", reason: "No longer pending: it was accepted. Invite them again instead." },
    ]);
    const emails = await outbox([first.invitationId, second.invitationId, accepted.invitationId]);
    const old = emails.find((email) => email.subject === "old")!;
    expect(old).toMatchObject({ status: "DEAD", html: "", text: "" });
    const queued = emails.filter((email) => email.status === "QUEUED");
    expect(queued.map((email) => email.to).sort()).toEqual([first.email, second.email].sort());
    for (const email of queued) {
      const invitation = await db().invitation.findUniqueOrThrow({ where: { id: email.invitationId! } });
      expect(invitation.deliveryStatus).toBe("QUEUED");
      const token = /\/invitations\/([A-Za-z0-9_-]{43})/.exec(email.text)![1];
      expect(hashToken(token)).toBe(invitation.tokenHash);
    }
    // Queued by the transaction that wrote the invitations.
    const [{ same }] = await db().$queryRawUnsafe<{ same: boolean }[]>(
      `SELECT count(DISTINCT xmin::text) = 1 AS same FROM (
         SELECT xmin FROM invitations WHERE id = ANY($1::uuid[]) UNION ALL SELECT xmin FROM email_outbox WHERE status = 'QUEUED' AND invitation_id = ANY($1::uuid[])) AS written`,
      [first.invitationId, second.invitationId],
    );
    expect(same).toBe(true);
  });

  it("queues nothing when the transaction fails partway", async () => {
    const [first, second] = await Promise.all([invite(), invite()]);
    const ids = [first.invitationId, second.invitationId];
    await withFailingWrite({ table: "email_outbox", event: "INSERT", column: "invitation_id", value: second.invitationId }, async () => {
      await expect(resendInvitations(await actorFor(admin.id, tenant), ids, ORIGIN)).rejects.toThrow(/injected failure/);
    });
    expect(await outbox(ids)).toEqual([]);
    for (const invitation of [first, second]) {
      expect((await db().invitation.findUniqueOrThrow({ where: { id: invitation.invitationId } })).tokenHash).toBe(hashToken(invitation.token));
    }
  });
});
