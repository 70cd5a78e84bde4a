import { afterAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { newToken } from "@/lib/iam/invitations/invitation-tokens";

// The accept page's actions behind one appending proxy (TRUST_PROXY=1), with a threshold of 3 failed link uses.
const request = vi.hoisted(() => {
  vi.stubEnv("TRUST_PROXY", "1");
  vi.stubEnv("ACCEPT_IP_MAX_FAILURES", "3");
  return { address: "198.51.100.1" };
});
vi.mock("next/headers", () => ({
  // The first entry is whatever the client claims; the proxy appended the address it saw.
  headers: async () => new Headers({ "x-forwarded-for": `203.0.113.250, ${request.address}` }),
}));
vi.mock("@/lib/auth/current-actor", () => ({ currentActor: async () => null, requireActor: vi.fn() }));
vi.mock("@/lib/auth/auth", () => ({ signIn: vi.fn(), signOut: vi.fn(), auth: vi.fn() }));

const { acceptAsExistingUserAction, checkPasswordAction, createAccountAction } = await import("@/app/invitations/[token]/actions");

afterAll(() => {
  vi.unstubAllEnvs();
});

const PASSWORD = "correct horse battery staple";
const account = { firstName: "Ada", lastName: "Lovelace", password: PASSWORD, confirmPassword: PASSWORD };
const BLOCKED = { ok: false, error: "Too many attempts to use invitation links from your network. Try again later." };
let next = 10;
const freshAddress = () => {
  request.address = `198.51.100.${next++}`;
  return request.address;
};
const trips = (address: string) => db().auditLog.findMany({ where: { resourceType: "SECURITY", action: "RATE_LIMIT", resourceId: address } });

describe("failed invitation-link uses per client address, through the accept page's actions", () => {
  it("counts tampered tokens on every action, then refuses all three actions, and audits the trip once", async () => {
    const address = freshAddress();
    expect(await checkPasswordAction("tampered", "password1234")).toBe(false);
    expect(await acceptAsExistingUserAction("x".repeat(5_000))).toMatchObject({ ok: false, unavailable: "invalid" });
    expect(await createAccountAction("<script>", account)).toMatchObject({ ok: false, unavailable: "invalid" });

    // Blocked now, even with a well-formed token and for the password check (which answers false, nothing else).
    expect(await createAccountAction(newToken(), account)).toEqual(BLOCKED);
    expect(await acceptAsExistingUserAction(newToken())).toEqual(BLOCKED);
    expect(await checkPasswordAction(newToken(), "password1234")).toBe(false);

    const entries = await trips(address);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ tenantId: null, actorEmail: "system" });
    expect(await trips("203.0.113.250")).toHaveLength(0);

    freshAddress();
    expect(await checkPasswordAction(newToken(), "password1234")).toBe(true);
  });

  it("counts well-formed tokens that match no invitation", async () => {
    const address = freshAddress();
    for (let i = 0; i < 3; i++) expect(await createAccountAction(newToken(), account)).toMatchObject({ ok: false, unavailable: "invalid" });
    expect(await createAccountAction(newToken(), account)).toEqual(BLOCKED);
    expect(await trips(address)).toHaveLength(1);
  });

  it("does not count a person's own mistakes on a form (invalid fields, common passwords)", async () => {
    freshAddress();
    for (let i = 0; i < 5; i++) {
      expect(await createAccountAction(newToken(), { ...account, firstName: "x".repeat(10_000) })).toMatchObject({ ok: false, fieldErrors: expect.any(Object) });
      expect(await checkPasswordAction(newToken(), "password1234")).toBe(true);
    }
    expect(await createAccountAction(newToken(), account)).toMatchObject({ unavailable: "invalid" });
  });
});
