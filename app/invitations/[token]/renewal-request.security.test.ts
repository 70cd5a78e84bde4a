import { describe, expect, it, vi } from "vitest";
// First: it puts AsyncLocalStorage in place before anything loads Next's request stores (next/headers).
import { invoke } from "@/test/hostile";
import { db } from "@/lib/db/client";
import { newToken } from "@/lib/iam/invitations/invitation-tokens";
import { bind, createMember, createTenant, insertInvitation, unique } from "@/test/fixtures";

// "Ask for a new link" through its server action, behind one appending proxy (TRUST_PROXY=1), in Next's real request
// scope with its real after() (test/hostile.ts invoke). Only the session is stubbed, as in hostile-public: this
// action never reads it, but the accept page's other actions, in the same module, reach Auth.js.
vi.hoisted(() => {
  vi.stubEnv("TRUST_PROXY", "1");
  process.env.AUTH_SECRET ??= "renewal-request-tests-secret-0123456789abcdef";
});
vi.mock("@/lib/auth/current-actor", () => ({ currentActor: async () => null, requireActor: vi.fn() }));

const { requestRenewalAction } = await import("./actions");
const { RENEWAL_REQUESTS_PER_IP } = await import("@/lib/security/rate-limits");

const NEUTRAL = { kind: "returned", value: { ok: true, data: null } };
const randomAddress = () => `198.51.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}`;
// The first entry is whatever the client claims; the proxy appended the address it saw.
const ask = (token: unknown, address: string) => invoke(() => requestRenewalAction(token), { "x-forwarded-for": `203.0.113.250, ${address}` });

async function arrange() {
  const tenantId = await createTenant();
  const inviter = await createMember(tenantId, { email: `${unique("inviter")}@renewal-action.test` });
  await bind(tenantId, inviter.id, "Admin");
  const expired = () => insertInvitation(tenantId, inviter.id, { role: { name: "Viewer" }, expiresAt: new Date(Date.now() - 60_000) });
  return { tenantId, inviter, expired };
}
const requestedAt = async (invitationId: string) => (await db().invitation.findUniqueOrThrow({ where: { id: invitationId } })).renewalRequestedAt;
const trips = (address: string) => db().auditLog.findMany({ where: { resourceType: "SECURITY", action: "RATE_LIMIT", resourceId: address } });

describe("requestRenewalAction", () => {
  it("gives the same answer whatever the token, and records only an expired invitation's request", async () => {
    const { tenantId, inviter, expired } = await arrange();
    const asked = await expired();
    const pending = await insertInvitation(tenantId, inviter.id, { role: { name: "Viewer" } });
    const address = randomAddress();
    for (const token of [newToken(), "not-a-token", "x".repeat(50_000), 42, null, { token: asked.token }, pending.token, asked.token, asked.token]) {
      expect(await ask(token, address)).toEqual(NEUTRAL);
    }
    expect(await requestedAt(asked.invitationId)).toBeInstanceOf(Date);
    expect(await requestedAt(pending.invitationId)).toBeNull();
    expect(await db().auditLog.count({ where: { resourceId: asked.invitationId, details: { startsWith: "Renewal requested" } } })).toBe(1);
  });

  it(`records at most ${RENEWAL_REQUESTS_PER_IP.max} requests an hour from one address, audits the refusal, and counts each address apart`, async () => {
    const { expired } = await arrange();
    const invitations = await Promise.all(Array.from({ length: RENEWAL_REQUESTS_PER_IP.max + 2 }, () => expired()));
    const address = randomAddress();
    for (const invitation of invitations.slice(0, RENEWAL_REQUESTS_PER_IP.max)) expect(await ask(invitation.token, address)).toEqual(NEUTRAL);
    for (const invitation of invitations.slice(0, RENEWAL_REQUESTS_PER_IP.max)) expect(await requestedAt(invitation.invitationId)).toBeInstanceOf(Date);

    const [over, elsewhere] = invitations.slice(RENEWAL_REQUESTS_PER_IP.max);
    expect(await ask(over.token, address)).toEqual(NEUTRAL);
    expect(await requestedAt(over.invitationId)).toBeNull();
    const [trip, ...more] = await trips(address);
    expect(more).toHaveLength(0);
    expect(trip).toMatchObject({ tenantId: null, actorEmail: "system" });
    // Keyed on the address the proxy saw, never on what the client claimed.
    expect(await trips("203.0.113.250")).toHaveLength(0);

    expect(await ask(elsewhere.token, randomAddress())).toEqual(NEUTRAL);
    expect(await requestedAt(elsewhere.invitationId)).toBeInstanceOf(Date);
  });
});
