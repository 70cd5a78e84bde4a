import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import {
  actorFromDatabase,
  corrupted,
  hostileArgs,
  hostileString,
  hostileValue,
  hostileSuite,
  invoke,
  PASSWORD,
  restore,
  type ActionCase,
  type World,
} from "@/test/hostile";

// The public actions: sign-in, and the invitation accept page (the token is the credential). Only the session
// cookie is faked (currentActor() answers the user a test names, read from the database as lib/auth/current-actor.ts
// does); Auth.js, the rate limits, validation, the database and Next's request scope are all real.
const session = vi.hoisted(() => {
  process.env.AUTH_SECRET ??= "hostile-input-tests-secret-0123456789abcdef";
  return { userId: null as string | null };
});
vi.mock("@/lib/auth/current-actor", () => ({
  currentActor: async () => actorFromDatabase(session.userId),
  requireActor: async () => (await actorFromDatabase(session.userId)) ?? Promise.reject(new Error("signed out")),
}));

const login = await import("@/app/login/actions");
const accept = await import("@/app/invitations/[token]/actions");
const sso = await import("@/app/invitations/sso-actions");
const { signOutAction } = await import("@/lib/auth/sign-out-action");

const NEW_PASSWORD = "violet-Harbor-92-quietly";
const { db } = await import("@/lib/db/client");
const { hashToken, newToken } = await import("@/lib/iam/invitations/invitation-tokens");

/** An expired invitation of the attacked tenant, for "Ask for a new link"; put back unasked before each run. */
const expired = { invitationId: randomUUID(), token: newToken() };
let expiredTenant: string | null = null;
async function restoreExpired(world: World) {
  expiredTenant = world.tenantId;
  await db().$executeRawUnsafe(
    `INSERT INTO invitations (id, tenant_id, email, token_hash, invited_by_id, expires_at)
     VALUES ($1::uuid, $2, $3, $4, $5::uuid, now() - interval '1 day')
     ON CONFLICT (id) DO UPDATE SET expires_at = EXCLUDED.expires_at, renewal_requested_at = NULL, accepted_at = NULL, revoked_at = NULL`,
    expired.invitationId,
    world.tenantId,
    `expired@${world.domain}`,
    hashToken(expired.token),
    world.users.admin,
  );
}

/** A form post as a browser (or curl) sends it: every value is text. */
function toFormData(fields: unknown): unknown {
  if (typeof fields !== "object" || fields === null || Array.isArray(fields)) return fields;
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    let text: string;
    try {
      text = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
    } catch {
      text = "[object]";
    }
    form.append(key, text);
  }
  return form;
}

/** Form actions get a FormData from a real form; a crafted request can put any value in its place. */
const formArgs = (before: unknown[], fields: Record<string, unknown>) =>
  fc.oneof(
    { arbitrary: corrupted(fields, hostileString).map((corrupt) => [...before, toFormData(corrupt)]), weight: 4 },
    { arbitrary: hostileArgs([...before, fields]), weight: 1 },
  );

const cases: ActionCase[] = [
  {
    name: "signInAction",
    args: (w) => [null, toFormData({ email: w.emails.login, password: PASSWORD, callbackUrl: `/${w.tenantId}` })],
    hostile: (w) => formArgs([null], { email: w.emails.login, password: PASSWORD, callbackUrl: `/${w.tenantId}` }),
    call: login.signInAction,
    actors: [null],
    runs: 60,
  },
  {
    name: "ssoSignInAction",
    args: (w) => [toFormData({ callbackUrl: `/${w.tenantId}` })],
    hostile: (w) => formArgs([], { callbackUrl: `/${w.tenantId}` }),
    call: login.ssoSignInAction,
    actors: [null],
    shape: "redirect-only",
    runs: 100,
  },
  {
    name: "checkPasswordAction",
    args: (w) => [w.newcomer.token, "correct horse battery staple"],
    call: accept.checkPasswordAction,
    actors: [null],
    shape: "boolean",
  },
  {
    name: "createAccountAction",
    args: (w) => [w.newcomer.token, { firstName: "Ada", lastName: "Lovelace", password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }],
    call: accept.createAccountAction,
    restore: restore.invitations,
    actors: [null],
    runs: 50,
  },
  {
    name: "acceptAsExistingUserAction",
    args: (w) => [w.existing.token],
    call: accept.acceptAsExistingUserAction,
    restore: restore.invitations,
    actors: ["invitee", null],
  },
  {
    name: "switchAccountAction",
    args: (w) => [w.existing.token],
    call: accept.switchAccountAction,
    actors: ["invitee"],
    shape: "redirect-only",
  },
  {
    name: "continueWithSsoAction",
    args: (w) => [w.existing.token],
    call: sso.continueWithSsoAction,
    actors: [null],
    shape: "redirect-only",
  },
  {
    // Always the same answer, a success: what it did (or not) must not show. That nothing but the one valid token
    // records a request is checked below.
    name: "requestRenewalAction",
    args: () => [expired.token],
    call: accept.requestRenewalAction,
    restore: restoreExpired,
    actors: [null, "invitee"],
    runs: 100,
  },
  {
    name: "signOutAction",
    args: () => [],
    hostile: () => fc.array(hostileValue, { maxLength: 2 }),
    call: signOutAction,
    actors: ["invitee"],
    shape: "redirect-only",
    runs: 20,
  },
];

hostileSuite("Public", session, cases, { replay: [] });

describe("requestRenewalAction under hostile tokens", () => {
  it("answers exactly the same for every token, and records a request only for the expired invitation's own", { timeout: 120_000 }, async () => {
    // After the suite above, which made the tenant and this invitation (restoreExpired).
    expect(expiredTenant).not.toBeNull();
    const neutral = { kind: "returned", value: { ok: true, data: null } };
    const requests = () =>
      db().auditLog.count({ where: { tenantId: expiredTenant!, details: { startsWith: "Renewal requested" } } });
    await db().invitation.update({ where: { id: expired.invitationId }, data: { renewalRequestedAt: null } });
    const before = await requests();
    const nearMisses = fc.oneof(
      hostileValue,
      // The valid token one character off, cut short, padded, or in another case.
      fc.integer({ min: 0, max: 42 }).map((at) => expired.token.slice(0, at) + (expired.token[at] === "A" ? "B" : "A") + expired.token.slice(at + 1)),
      fc.constantFrom(expired.token.slice(0, 42), `${expired.token}A`, ` ${expired.token}`, expired.token.toUpperCase(), hashToken(expired.token)),
    );
    await fc.assert(
      fc.asyncProperty(nearMisses, async (token) => {
        fc.pre(token !== expired.token);
        expect(await invoke(() => accept.requestRenewalAction(token))).toEqual(neutral);
      }),
      { numRuns: 150 },
    );
    expect(await requests()).toBe(before);
    expect((await db().invitation.findUniqueOrThrow({ where: { id: expired.invitationId } })).renewalRequestedAt).toBeNull();

    // The control: the token itself does record one, with the same answer.
    expect(await invoke(() => accept.requestRenewalAction(expired.token))).toEqual(neutral);
    expect(await requests()).toBe(before + 1);
  });
});
