import "server-only";
import { db } from "@/lib/db/client";
import type { DbClient, Tx } from "@/lib/db/types";
import type { SessionActor } from "@/lib/iam/authz/actor";
import { selfEntry } from "@/lib/iam/account/account-writes";
import { audit } from "@/lib/iam/audit/write-audit";
import { Invalid, NotFound } from "@/lib/iam/errors";
import { parseInput } from "@/lib/iam/parse-input";
import { assertPasswordChangeNotPending } from "@/lib/iam/account/account-rules";
import { grantInvitationsAwaitingMfa } from "@/lib/iam/invitations/accept-invitation";
import type { SecondFactorMethod } from "@/lib/iam/mfa/amr";
import { confirmTotpSchema, registerPasskeySchema, uuidSchema } from "@/lib/iam/mfa/factor-schemas";
import { confirmedFactorCount, markSessionProved, MAX_FACTORS } from "@/lib/iam/mfa/factors";
import { factorKindLabel, type FactorKind } from "@/lib/iam/mfa/factor-kinds";
import { secretKeys } from "@/lib/iam/mfa/mfa-keys";
import { hashRecoveryCode, newRecoveryCodes, normalizeRecoveryCode } from "@/lib/iam/mfa/recovery-codes";
import { open, seal } from "@/lib/iam/mfa/secret-box";
import { assertRecentAuthentication } from "@/lib/iam/mfa/step-up";
import { newTotpSecret, totpUri, verifyTotp } from "@/lib/iam/mfa/totp";
import { registrationOptions, verifyRegistration, type RelyingParty } from "@/lib/iam/mfa/webauthn";

// A person's own factors (docs/rules.md § Two-factor authentication 1–3): adding an authenticator app or a passkey,
// removing one, and their recovery codes. Every change needs a recent authentication (step-up) and is audited.

/** How long a started authenticator-app enrolment waits for its first code. */
const TOTP_ENROLMENT_TTL_MS = 15 * 60_000;

export interface EnrolmentOutcome {
  /** The recovery codes, shown once: set when this was the person's first factor. */
  recoveryCodes: string[] | null;
  /** The tenants whose invitations were waiting for this factor and have now granted their access. */
  joinedTenants: string[];
}

async function assertRoomForAnother(client: DbClient, userId: string) {
  if ((await confirmedFactorCount(client, userId)) >= MAX_FACTORS) throw new Invalid(`You have ${MAX_FACTORS} factors already: remove one before adding another.`);
}

/** Starts an authenticator-app enrolment: a new key (sealed at rest) for the QR code, counted only once confirmed. */
export async function startTotpEnrolment(actor: SessionActor, { issuer }: { issuer: string }): Promise<{ factorId: string; secret: string; uri: string }> {
  assertPasswordChangeNotPending(actor);
  assertRecentAuthentication(actor);
  const secret = newTotpSecret();
  const factor = await db().$transaction(async (tx) => {
    await assertRoomForAnother(tx, actor.id);
    // One enrolment at a time: a new one replaces any the person started and never confirmed.
    await tx.secondFactor.deleteMany({ where: { userId: actor.id, kind: "TOTP", confirmedAt: null } });
    return tx.secondFactor.create({ data: { userId: actor.id, kind: "TOTP", name: "Authenticator app", totpSecret: seal(secret, secretKeys()) }, select: { id: true } });
  });
  return { factorId: factor.id, secret, uri: totpUri(secret, { issuer, account: actor.email }) };
}

/** Confirms the enrolment with a first code from the app; answers the recovery codes when it is the first factor. */
export async function confirmTotpEnrolment(actor: SessionActor, input: unknown, now = new Date()): Promise<EnrolmentOutcome> {
  // No step-up here: starting the enrolment needed one, and only this person's session holds the pending factor.
  assertPasswordChangeNotPending(actor);
  const { factorId, code, name } = parseInput(confirmTotpSchema, input);
  return db().$transaction(async (tx) => {
    const factor = await tx.secondFactor.findFirst({ where: { id: factorId, userId: actor.id, kind: "TOTP", confirmedAt: null } });
    if (!factor || now.getTime() - factor.createdAt.getTime() > TOTP_ENROLMENT_TTL_MS) {
      throw new NotFound("That setup has expired. Start again to get a new QR code.");
    }
    const secret = open(factor.totpSecret!, secretKeys());
    if (!secret) throw new NotFound("That setup can no longer be read. Start again to get a new QR code.");
    const step = verifyTotp(secret.plaintext, code, { lastUsedStep: null, now: now.getTime() });
    if (step === null) {
      throw new Invalid("That code didn't match.", { code: ["That code didn't match. Check that your phone's clock is right and enter the newest code."] });
    }
    await assertRoomForAnother(tx, actor.id);
    await tx.secondFactor.update({ where: { id: factor.id }, data: { confirmedAt: now, name, totpLastStep: BigInt(step), lastUsedAt: now } });
    return afterFactorAdded(tx, actor, "TOTP", name, "totp", now);
  });
}

/** The options the browser needs to create a passkey; the challenge is kept on this session. */
export async function startPasskeyRegistration(actor: SessionActor, rp: RelyingParty) {
  assertPasswordChangeNotPending(actor);
  assertRecentAuthentication(actor);
  await assertRoomForAnother(db(), actor.id);
  const existing = await db().secondFactor.findMany({ where: { userId: actor.id, kind: "PASSKEY" }, select: { credentialId: true, transports: true } });
  return registrationOptions(db(), {
    sessionId: actor.sessionId,
    user: { id: actor.id, email: actor.email, name: actor.name },
    existing: existing.map((passkey) => ({ credentialId: passkey.credentialId!, transports: passkey.transports })),
    rp,
  });
}

/** Verifies the browser's answer and keeps the passkey (its public key only). */
export async function finishPasskeyRegistration(actor: SessionActor, input: unknown, rp: RelyingParty, now = new Date()): Promise<EnrolmentOutcome> {
  // As for an authenticator app, the step-up was at the start: the challenge it issued lives on this session only.
  assertPasswordChangeNotPending(actor);
  const { name, response } = parseInput(registerPasskeySchema, input);
  const passkey = await verifyRegistration(db(), { sessionId: actor.sessionId, response, rp, now });
  if (!passkey) throw new Invalid("The passkey could not be verified. Try again.");
  return db().$transaction(async (tx) => {
    await assertRoomForAnother(tx, actor.id);
    const taken = await tx.secondFactor.findUnique({ where: { credentialId: passkey.credentialId }, select: { id: true } });
    if (taken) throw new Invalid("That passkey is already registered.");
    await tx.secondFactor.create({
      data: {
        userId: actor.id,
        kind: "PASSKEY",
        name,
        credentialId: passkey.credentialId,
        publicKey: Buffer.from(passkey.publicKey),
        signCount: passkey.signCount,
        transports: passkey.transports,
        confirmedAt: now,
        lastUsedAt: now,
      },
    });
    return afterFactorAdded(tx, actor, "PASSKEY", name, "passkey", now);
  });
}

/**
 * What a new factor brings, in its transaction: the recovery codes with the first one, this session counted as
 * verified with it (the person just proved they hold it), the invitations that waited for it, and the audit entry.
 */
async function afterFactorAdded(tx: Tx, actor: SessionActor, kind: FactorKind, name: string, method: SecondFactorMethod, now: Date): Promise<EnrolmentOutcome> {
  const confirmed = await confirmedFactorCount(tx, actor.id);
  const hasCodes = (await tx.recoveryCode.count({ where: { userId: actor.id, usedAt: null } })) > 0;
  const recoveryCodes = confirmed === 1 || !hasCodes ? await replaceRecoveryCodes(tx, actor.id) : null;
  await markSessionProved(tx, { sessionId: actor.sessionId, method, now });
  await audit(tx, selfEntry(actor, `${actor.email} added ${kind === "TOTP" ? "an authenticator app" : "a passkey"} ("${name}")`));
  const joinedTenants = await grantInvitationsAwaitingMfa(tx, { id: actor.id, email: actor.email });
  return { recoveryCodes, joinedTenants };
}

async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(normalizeRecoveryCode(code)!) })) });
  return codes;
}

/** New recovery codes; the old ones stop working at once. */
export async function regenerateRecoveryCodes(actor: SessionActor): Promise<string[]> {
  assertPasswordChangeNotPending(actor);
  assertRecentAuthentication(actor);
  return db().$transaction(async (tx) => {
    if ((await confirmedFactorCount(tx, actor.id)) === 0) {
      throw new Invalid("Add an authenticator app or a passkey first: recovery codes come with them.");
    }
    const codes = await replaceRecoveryCodes(tx, actor.id);
    await audit(tx, selfEntry(actor, `${actor.email} generated new recovery codes`));
    return codes;
  });
}

/** Removes one of the actor's factors; with the last one go the recovery codes (nothing is left to recover). */
export async function removeOwnFactor(actor: SessionActor, factorId: unknown): Promise<{ remaining: number }> {
  assertPasswordChangeNotPending(actor);
  assertRecentAuthentication(actor);
  const id = uuidSchema.safeParse(factorId);
  if (!id.success) throw new NotFound("That factor no longer exists.");
  return db().$transaction(async (tx) => {
    const factor = await tx.secondFactor.findFirst({ where: { id: id.data, userId: actor.id, confirmedAt: { not: null } } });
    if (!factor) throw new NotFound("That factor no longer exists.");
    await tx.secondFactor.delete({ where: { id: factor.id } });
    const remaining = await confirmedFactorCount(tx, actor.id);
    if (remaining === 0) await tx.recoveryCode.deleteMany({ where: { userId: actor.id } });
    const label = factorKindLabel(factor.kind).toLowerCase();
    await audit(tx, selfEntry(actor, `${actor.email} removed ${factor.kind === "TOTP" ? "an" : "a"} ${label} ("${factor.name}")${remaining === 0 ? "; two-factor authentication is off" : ""}`));
    return { remaining };
  });
}
