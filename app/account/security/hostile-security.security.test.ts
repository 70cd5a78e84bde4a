import { randomUUID } from "node:crypto";
import { vi } from "vitest";
import { db } from "@/lib/db/client";
import { actorFromDatabase, hostileSuite, PASSWORD, type ActionCase, type World } from "@/test/hostile";

// Every server action of two-factor authentication under hostile input (test/hostile.ts): one's own factors
// (/account/security), step-up, and the second step of a sign-in. Only the session cookie is faked (currentActor, and
// pendingSignIn answering no half-finished sign-in, so the second step is refused as expired); the domain, the
// WebAuthn verifier, the rate limits and the database are real.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/current-actor", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/current-actor")>()),
  currentActor: async () => actorFromDatabase(session.userId),
  pendingSignIn: async () => null,
  accountActor: async () => (await actorFromDatabase(session.userId)) ?? Promise.reject(new (await import("@/lib/iam/errors")).Forbidden("Your session has ended.")),
}));

const security = await import("@/app/account/security/actions");
const stepUp = await import("@/app/account/security/step-up-actions");
const secondStep = await import("@/app/login/verify/actions");
const factorIds = new Map<string, string>();

/** The login user's authenticator app (a sealed dummy key), put back with a fixed id before each run that may remove it. */
async function restoreFactor(world: World) {
  const id = factorIds.get(world.tenantId) ?? randomUUID();
  factorIds.set(world.tenantId, id);
  await db().$executeRawUnsafe(
    `INSERT INTO second_factors (id, user_id, kind, name, totp_secret, confirmed_at) VALUES ($1::uuid, $2::uuid, 'TOTP', 'Phone', 'v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA', now())
     ON CONFLICT (id) DO NOTHING`,
    id,
    world.users.login,
  );
}

const forgedPasskey = { id: "AAAA", rawId: "AAAA", type: "public-key", response: { clientDataJSON: "e30", attestationObject: "oA" } };

const cases: ActionCase[] = [
  { name: "startTotpAction", args: () => [], call: security.startTotpAction, actors: ["login", null], runs: 40 },
  {
    name: "confirmTotpAction",
    args: () => [{ factorId: randomUUID(), code: "123456", name: "Phone" }],
    call: security.confirmTotpAction,
    actors: ["login", "admin", null],
  },
  { name: "startPasskeyAction", args: () => [], call: security.startPasskeyAction, actors: ["login", null], runs: 40 },
  { name: "finishPasskeyAction", args: () => [{ name: "Key", response: forgedPasskey }], call: security.finishPasskeyAction, actors: ["login", null] },
  {
    name: "removeFactorAction",
    args: (world) => [factorIds.get(world.tenantId)],
    call: security.removeFactorAction,
    actors: ["login", "admin", null],
    restore: restoreFactor,
  },
  { name: "regenerateRecoveryCodesAction", args: () => [], call: security.regenerateRecoveryCodesAction, actors: ["login", null], restore: restoreFactor, runs: 40 },
  { name: "stepUpChoicesAction", args: () => [], call: stepUp.stepUpChoicesAction, actors: ["login", null], runs: 40 },
  // Each run may verify an argon2id hash.
  { name: "stepUpAction", args: () => [{ method: "password", password: PASSWORD }], call: stepUp.stepUpAction, actors: ["login", null], runs: 40 },
  { name: "stepUpPasskeyOptionsAction", args: () => [], call: stepUp.stepUpPasskeyOptionsAction, actors: ["login", null], runs: 40 },
  { name: "proveSecondStepAction", args: () => [{ method: "totp", code: "123456" }], call: secondStep.proveSecondStepAction, actors: ["login", null] },
  { name: "secondStepPasskeyOptionsAction", args: () => [], call: secondStep.secondStepPasskeyOptionsAction, actors: ["login", null], runs: 40 },
];

hostileSuite("Two-factor authentication", session, cases, { replay: [] });
