import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startResendStandIn } from "@/e2e/resend-stand-in";
import { db } from "@/lib/db/client";
import { createInvitations } from "@/lib/iam/invitations/create-bulk-invitations";
import { queueInvitationEmails } from "@/lib/iam/invitations/invitation-delivery";
import { createInvitation, inviteInTransaction, resendInvitation, revokeInvitation } from "@/lib/iam/invitations/create-invitation";
import { inviteSchema } from "@/lib/iam/invitations/invitation-schemas";
import { hashToken } from "@/lib/iam/invitations/invitation-tokens";
import { actorFor, bind, createMember, createTenant, roleId } from "@/test/fixtures";
import { processOutbox, pruneOutbox } from "./outbox";
import { drainOutbox } from "./outbox-worker";

// The outbox against real PostgreSQL and the real Resend SDK talking to a local Resend stand-in. Config is read once
// per file, lazily, so email is configured here before anything reads it.
const standIn = await startResendStandIn();
process.env.RESEND_API_KEY = "re_test_key";
process.env.RESEND_BASE_URL = standIn.url;
process.env.EMAIL_FROM = "IAM Console <iam@test.example>";

const ORIGIN = "http://console.test";
let tenant: string;
let actor: Awaited<ReturnType<typeof actorFor>>;

beforeAll(async () => {
  // Files that ran before this one on the worker's database may have queued emails without sending them (email
  // configured, no server): none of those is this file's to send.
  await db().emailOutbox.updateMany({ where: { status: { in: ["QUEUED", "SENDING"] } }, data: { status: "DEAD" } });
  tenant = await createTenant();
  const admin = await createMember(tenant);
  await bind(tenant, admin.id, "Admin");
  actor = await actorFor(admin.id, tenant);
});

afterEach(async () => {
  standIn.failNext(0);
  vi.restoreAllMocks();
  // Leaves nothing due for the next test: every test counts the sends it causes.
  await db().emailOutbox.updateMany({ where: { status: { in: ["QUEUED", "SENDING"] } }, data: { status: "DEAD" } });
});

afterAll(async () => {
  await standIn.close();
  delete process.env.RESEND_API_KEY;
  delete process.env.RESEND_BASE_URL;
});

const address = () => `outbox-${Math.random().toString(36).slice(2)}@test.example`;
const emailsTo = (to: string) => standIn.emails.filter((email) => email.to.includes(to));
const roleInvite = async (to: string) => inviteSchema.parse({ email: to, access: { mode: "ROLE", roleId: await roleId(tenant, "Viewer"), namespaces: ["other"] } });

async function invite(to = address()) {
  const outcome = await createInvitation(actor, await roleInvite(to), ORIGIN);
  if (outcome.kind !== "invited") throw new Error(`expected an invitation, got ${outcome.kind}`);
  return outcome;
}

const rowsOf = (invitationId: string) => db().emailOutbox.findMany({ where: { invitationId }, orderBy: { createdAt: "asc" } });
const deliveryOf = async (invitationId: string) => (await db().invitation.findUniqueOrThrow({ where: { id: invitationId } })).deliveryStatus;

/** The Resend API calls made through the SDK: which endpoint, how many emails. */
function recordApiCalls() {
  const calls: { endpoint: string; emails: number }[] = [];
  const original = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.origin === standIn.url) {
      const body = JSON.parse(String(init?.body ?? "null")) as unknown;
      calls.push({ endpoint: url.pathname, emails: Array.isArray(body) ? body.length : 1 });
    }
    return original(input, init);
  });
  return calls;
}

describe("queueing in the invitation's transaction", () => {
  it("queues the rendered email with the invitation, and sends it, once, after the commit", async () => {
    const calls = recordApiCalls();
    const to = address();
    const outcome = await invite(to);
    expect(outcome.delivery).toBe("QUEUED");
    expect(await deliveryOf(outcome.invitationId)).toBe("QUEUED");
    const [queued] = await rowsOf(outcome.invitationId);
    expect(queued).toMatchObject({ to, status: "QUEUED", attempts: 0, subject: `${actor.name} invited you to ${tenant}` });
    expect(queued.html).toContain(`href="${outcome.link}"`);
    expect(queued.text).toContain(outcome.link);
    expect(emailsTo(to)).toHaveLength(0);

    expect(await processOutbox()).toMatchObject({ claimed: 1, sent: 1 });
    expect(calls).toEqual([{ endpoint: "/emails", emails: 1 }]);
    const [email] = emailsTo(to);
    expect(email.text).toContain(outcome.link);
    expect(email.from).toBe("IAM Console <iam@test.example>");
    const [sent] = await rowsOf(outcome.invitationId);
    // The token leaves the database as soon as the email is out.
    expect(sent).toMatchObject({ status: "SENT", html: "", text: "", lastError: null });
    expect(sent.sentAt).toBeInstanceOf(Date);
    expect(await deliveryOf(outcome.invitationId)).toBe("SENT");

    expect(await processOutbox()).toMatchObject({ claimed: 0 });
    expect(emailsTo(to)).toHaveLength(1);
  });

  it("queues nothing when the invitation's transaction rolls back", async () => {
    const to = address();
    await expect(
      db().$transaction(async (tx) => {
        const outcome = await inviteInTransaction(tx, actor, await roleInvite(to));
        if (outcome.kind !== "created") throw new Error(outcome.kind);
        await queueInvitationEmails(tx, actor, [outcome.delivery], ORIGIN);
        expect(await tx.emailOutbox.count({ where: { to } })).toBe(1);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await db().emailOutbox.count({ where: { to } })).toBe(0);
    expect(await db().invitation.count({ where: { email: to } })).toBe(0);
  });
});

describe("retries", () => {
  it("after two 500s the third try delivers exactly one email", async () => {
    const to = address();
    const { invitationId, link } = await invite(to);
    standIn.failNext(2, 500);
    expect(await processOutbox({ backoffBaseMs: 0 })).toMatchObject({ claimed: 1, sent: 0, retrying: 1 });
    const [failed] = await rowsOf(invitationId);
    expect(failed).toMatchObject({ status: "QUEUED", attempts: 1 });
    expect(failed.lastError).toMatch(/internal_server_error/);
    expect(failed.lastError!.length).toBeLessThanOrEqual(200);
    expect(failed.lastError).not.toContain(link.split("/").pop());
    expect(await deliveryOf(invitationId)).toBe("QUEUED");

    expect(await processOutbox({ backoffBaseMs: 0 })).toMatchObject({ retrying: 1 });
    expect(await processOutbox({ backoffBaseMs: 0 })).toMatchObject({ sent: 1 });
    expect(emailsTo(to)).toHaveLength(1);
    expect(await rowsOf(invitationId)).toMatchObject([{ status: "SENT", attempts: 2, html: "", text: "" }]);
    expect(await deliveryOf(invitationId)).toBe("SENT");
  });

  it("waits an exponentially growing time between tries", async () => {
    const { invitationId } = await invite();
    standIn.failNext(10);
    const delayAfter = async () => {
      const before = Date.now();
      await processOutbox({ backoffBaseMs: 60_000 });
      const [row] = await rowsOf(invitationId);
      return Math.round((row.nextAttemptAt.getTime() - before) / 1000);
    };
    expect(await delayAfter()).toBe(60);
    // Not due yet: nothing is claimed, nothing sent.
    expect(await processOutbox({ backoffBaseMs: 60_000 })).toMatchObject({ claimed: 0 });
    await db().emailOutbox.updateMany({ where: { invitationId }, data: { nextAttemptAt: new Date() } });
    expect(await delayAfter()).toBe(120);
    await db().emailOutbox.updateMany({ where: { invitationId }, data: { nextAttemptAt: new Date() } });
    expect(await delayAfter()).toBe(240);
  });

  it("gives up after OUTBOX_MAX_ATTEMPTS: DEAD, invitation FAILED, yet the invitation and its link still work", async () => {
    const to = address();
    const { invitationId, link } = await invite(to);
    standIn.failNext(1_000);
    for (let attempt = 1; attempt < 6; attempt++) expect(await processOutbox({ backoffBaseMs: 0 })).toMatchObject({ retrying: 1 });
    expect(await processOutbox({ backoffBaseMs: 0 })).toMatchObject({ retrying: 0, dead: 1 });
    expect(await rowsOf(invitationId)).toMatchObject([{ status: "DEAD", attempts: 6, html: "", text: "" }]);
    expect(await processOutbox({ backoffBaseMs: 0 })).toMatchObject({ claimed: 0 });
    const invitation = await db().invitation.findUniqueOrThrow({ where: { id: invitationId } });
    expect(invitation).toMatchObject({ deliveryStatus: "FAILED", acceptedAt: null, revokedAt: null, tokenHash: hashToken(link.split("/").pop()!) });
    expect(emailsTo(to)).toHaveLength(0);

    // Resend on the Invitations tab: a new link, queued again, and delivered once the API is back.
    standIn.failNext(0);
    const resent = await resendInvitation(actor, invitationId, ORIGIN);
    expect(resent.delivery).toBe("QUEUED");
    expect(await deliveryOf(invitationId)).toBe("QUEUED");
    expect(await processOutbox({ backoffBaseMs: 0 })).toMatchObject({ sent: 1 });
    expect(emailsTo(to).map((email) => email.text.includes(resent.link))).toEqual([true]);
    expect(await deliveryOf(invitationId)).toBe("SENT");
  });

  it("a batch failure fails each email in it; they go out together on the next try", async () => {
    const calls = recordApiCalls();
    const rows = await createInvitations(actor, [address(), address(), address()], { mode: "ROLE", roleId: await roleId(tenant, "Viewer"), namespaces: [] }, ORIGIN);
    standIn.failNext(1, 503);
    expect(await processOutbox({ backoffBaseMs: 0 })).toMatchObject({ claimed: 3, retrying: 3 });
    expect(await db().emailOutbox.findMany({ where: { to: { in: rows.map((row) => row.email) } } })).toMatchObject(
      rows.map(() => ({ status: "QUEUED", attempts: 1, lastError: expect.stringContaining("internal_server_error") })),
    );
    expect(await processOutbox({ backoffBaseMs: 0 })).toMatchObject({ sent: 3 });
    expect(calls).toEqual([
      { endpoint: "/emails/batch", emails: 3 },
      { endpoint: "/emails/batch", emails: 3 },
    ]);
    for (const row of rows) expect(emailsTo(row.email)).toHaveLength(1);
  });
});

describe("links that changed or died before sending", () => {
  it("a resend before the first email went out sends only the new link", async () => {
    const to = address();
    const first = await invite(to);
    const resent = await resendInvitation(actor, first.invitationId, ORIGIN);
    expect(await processOutbox()).toMatchObject({ sent: 1 });
    const [email, ...others] = emailsTo(to);
    expect(others).toHaveLength(0);
    expect(email.text).toContain(resent.link);
    expect(email.text).not.toContain(first.link);
    expect(await rowsOf(first.invitationId)).toMatchObject([
      { status: "DEAD", html: "", text: "", lastError: "Superseded by a newer link" },
      { status: "SENT", html: "", text: "" },
    ]);
  });

  it("a revoked invitation is never emailed", async () => {
    const to = address();
    const { invitationId } = await invite(to);
    await revokeInvitation(actor, invitationId);
    expect(await processOutbox()).toMatchObject({ claimed: 1, sent: 0, cancelled: 1 });
    expect(emailsTo(to)).toHaveLength(0);
    expect(await rowsOf(invitationId)).toMatchObject([{ status: "DEAD", html: "", text: "" }]);
  });
});

describe("several workers", () => {
  it("concurrent runs never send one email twice (FOR UPDATE SKIP LOCKED)", async () => {
    const addresses = Array.from({ length: 60 }, address);
    await createInvitations(actor, addresses, { mode: "ROLE", roleId: await roleId(tenant, "Viewer"), namespaces: [] }, ORIGIN);
    const before = standIn.emails.length;
    for (let round = 0; round < 10; round++) {
      const runs = await Promise.all(Array.from({ length: 6 }, () => processOutbox({ batchSize: 4 })));
      if (runs.every((run) => run.claimed === 0)) break;
    }
    expect(standIn.emails.length - before).toBe(60);
    for (const to of addresses) expect(emailsTo(to)).toHaveLength(1);
    expect(await db().emailOutbox.count({ where: { to: { in: addresses }, status: "SENT" } })).toBe(60);
  });

  it("takes over an email whose worker died mid-send once its claim has lapsed", async () => {
    const to = address();
    const { invitationId } = await invite(to);
    await db().emailOutbox.updateMany({ where: { invitationId }, data: { status: "SENDING", nextAttemptAt: new Date(Date.now() + 60_000) } });
    expect(await processOutbox()).toMatchObject({ claimed: 0 });
    await db().emailOutbox.updateMany({ where: { invitationId }, data: { nextAttemptAt: new Date(Date.now() - 1) } });
    expect(await processOutbox()).toMatchObject({ sent: 1 });
    expect(emailsTo(to)).toHaveLength(1);
  });
});

describe("batches", () => {
  it("150 queued emails go out in two batch calls, 100 then 50, and keep no body afterwards", async () => {
    const addresses = Array.from({ length: 150 }, address);
    await createInvitations(actor, addresses, { mode: "ROLE", roleId: await roleId(tenant, "Viewer"), namespaces: [] }, ORIGIN);
    const calls = recordApiCalls();
    expect(await processOutbox()).toMatchObject({ claimed: 100, sent: 100 });
    expect(await processOutbox()).toMatchObject({ claimed: 50, sent: 50 });
    expect(calls).toEqual([
      { endpoint: "/emails/batch", emails: 100 },
      { endpoint: "/emails/batch", emails: 50 },
    ]);
    for (const to of addresses) expect(emailsTo(to)).toHaveLength(1);
    const rows = await db().emailOutbox.findMany({ where: { to: { in: addresses } }, include: { invitation: true } });
    expect(rows.every((row) => row.status === "SENT" && row.html === "" && row.text === "" && row.invitation?.deliveryStatus === "SENT")).toBe(true);
    // The links in the emails are the invitations' own.
    const [sample] = emailsTo(addresses[0]);
    const token = /\/invitations\/([A-Za-z0-9_-]{43})/.exec(sample.text)![1];
    expect(rows.find((row) => row.to === addresses[0])!.invitation?.tokenHash).toBe(hashToken(token));
  });

  it("prunes sent and given-up rows older than the cut-off, never a queued or sending one", async () => {
    const long = new Date(Date.now() - 40 * 24 * 60 * 60_000);
    const cases = [
      { status: "SENT", createdAt: long, kept: false },
      { status: "DEAD", createdAt: long, kept: false },
      { status: "QUEUED", createdAt: long, kept: true },
      { status: "SENDING", createdAt: long, kept: true },
      { status: "SENT", createdAt: new Date(), kept: true },
    ] as const;
    const ids: string[] = [];
    for (const { status, createdAt } of cases) {
      const [row] = await rowsOf((await invite()).invitationId);
      // Due later: processOutbox in a parallel test must not pick the queued one up meanwhile.
      await db().emailOutbox.update({ where: { id: row.id }, data: { status, createdAt, nextAttemptAt: new Date(Date.now() + 60 * 60_000) } });
      ids.push(row.id);
    }
    expect(await pruneOutbox(new Date(Date.now() - 30 * 24 * 60 * 60_000))).toBeGreaterThanOrEqual(2);
    const left = new Set((await db().emailOutbox.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((row) => row.id));
    expect(cases.map((_, index) => left.has(ids[index]))).toEqual(cases.map((c) => c.kept));
  });

  it("the worker's run prunes too, with OUTBOX_RETENTION_DAYS (30 by default)", async () => {
    const ages = [31, 29];
    const ids: string[] = [];
    for (const days of ages) {
      const [row] = await rowsOf((await invite()).invitationId);
      await db().emailOutbox.update({ where: { id: row.id }, data: { status: "SENT", html: "", text: "", createdAt: new Date(Date.now() - days * 24 * 60 * 60_000) } });
      ids.push(row.id);
    }
    await drainOutbox();
    expect((await db().emailOutbox.findMany({ where: { id: { in: ids } } })).map((row) => row.id)).toEqual([ids[1]]);
  });

  it("a bulk invite of 500 with email configured: one transaction, then five batch calls", async () => {
    const addresses = Array.from({ length: 500 }, (_, index) => `bulk-${index}-${address()}`);
    const started = performance.now();
    const rows = await createInvitations(actor, addresses, { mode: "ROLE", roleId: await roleId(tenant, "Viewer"), namespaces: ["other"] }, ORIGIN);
    const elapsed = performance.now() - started;
    console.log(`[bench] createInvitations: 500 invitations with email queued in ${Math.round(elapsed)} ms`);
    expect(rows.filter((row) => row.outcome === "invited")).toHaveLength(500);
    expect(rows.every((row) => row.link === undefined && row.message === "Invitation sent")).toBe(true);
    expect(await db().emailOutbox.count({ where: { to: { in: addresses }, status: "QUEUED" } })).toBe(500);

    const calls = recordApiCalls();
    for (let run = 0; run < 6; run++) await processOutbox();
    expect(calls).toEqual(Array.from({ length: 5 }, () => ({ endpoint: "/emails/batch", emails: 100 })));
    expect(await db().emailOutbox.count({ where: { to: { in: addresses }, status: "SENT" } })).toBe(500);
  });
});
