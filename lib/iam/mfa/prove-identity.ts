import "server-only";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/types";
import { selfEntry } from "@/lib/iam/account/account-writes";
import { audit } from "@/lib/iam/audit/write-audit";
import { Forbidden, Invalid } from "@/lib/iam/errors";
import { parseInput } from "@/lib/iam/parse-input";
import { verifyPassword } from "@/lib/iam/passwords/password-hashing";
import { markSessionProved } from "@/lib/iam/mfa/factors";
import { proofSchema, type Proof } from "@/lib/iam/mfa/factor-schemas";
import { secretKeys } from "@/lib/iam/mfa/mfa-keys";
import { hashRecoveryCode, normalizeRecoveryCode } from "@/lib/iam/mfa/recovery-codes";
import { open, seal } from "@/lib/iam/mfa/secret-box";
import { verifyTotp } from "@/lib/iam/mfa/totp";
import { authenticationOptions, verifyAuthentication, type RelyingParty } from "@/lib/iam/mfa/webauthn";
import { lockMessage, rateLimits, type RateLimits } from "@/lib/security/rate-limits";

// Proving who you are again (docs/rules.md § Two-factor authentication 4–5): the second step of a sign-in (a factor)
// and step-up in a signed-in session (a factor or the password). Every attempt counts like a sign-in attempt of the
// account (the same lockout: ten failures lock it, the right code is then refused too); a success marks the session
// with the method used and the time.

export interface ProvingSession {
  sessionId: string;
  userId: string;
  email: string;
  /** The session waits for its second step (true) or is signed in (false). */
  pending: boolean;
}

export type Purpose = "second-step" | "step-up";

/** What the "Verify it's you" screen can offer this person. */
export interface ProofChoices {
  totp: boolean;
  passkeys: number;
  recoveryCodes: number;
  password: boolean;
}

export async function proofChoices(userId: string): Promise<ProofChoices> {
  const [factors, recoveryCodes, user] = await Promise.all([
    db().secondFactor.groupBy({ by: ["kind"], where: { userId, confirmedAt: { not: null } }, _count: { _all: true } }),
    db().recoveryCode.count({ where: { userId, usedAt: null } }),
    db().user.findUnique({ where: { id: userId }, select: { passwordHash: true } }),
  ]);
  const count = (kind: string) => factors.find((row) => row.kind === kind)?._count._all ?? 0;
  return { totp: count("TOTP") > 0, passkeys: count("PASSKEY"), recoveryCodes, password: Boolean(user?.passwordHash) };
}

/** The browser's options to sign with one of the person's passkeys; the challenge is kept on this session. */
export async function passkeyProofOptions(session: ProvingSession, rp: RelyingParty) {
  const passkeys = await db().secondFactor.findMany({
    where: { userId: session.userId, kind: "PASSKEY", confirmedAt: { not: null } },
    select: { credentialId: true, transports: true },
  });
  if (passkeys.length === 0) throw new Invalid("You have no passkey: use another way to verify.");
  return authenticationOptions(db(), { sessionId: session.sessionId, passkeys: passkeys.map((passkey) => ({ credentialId: passkey.credentialId!, transports: passkey.transports })), rp });
}

const WRONG: Record<Proof["method"], string> = {
  totp: "That code didn't work. Enter the newest code from your authenticator app.",
  recovery_code: "That recovery code didn't work. Each code works once.",
  passkey: "That passkey could not be verified. Try again or use another way.",
  password: "That password is not right.",
};

/**
 * Verifies a proof for the session and records it. Answers the method; throws Invalid (wrong, with the field's
 * message), Forbidden (locked, or a password offered as a second step).
 */
export async function proveIdentity(
  session: ProvingSession,
  input: unknown,
  { purpose, client = null, rp, limits = rateLimits(), now = new Date() }: { purpose: Purpose; client?: string | null; rp: RelyingParty; limits?: RateLimits; now?: Date },
): Promise<{ method: Proof["method"]; recoveryCodesLeft?: number }> {
  const proof = parseInput(proofSchema, input);
  if (session.pending !== (purpose === "second-step")) throw new Forbidden("Sign in again to continue.");
  if (purpose === "second-step" && proof.method === "password") throw new Invalid("Use your authenticator app, a passkey or a recovery code.");

  const attempt = await limits.beginSignIn(session.email, client);
  if (attempt.lock) throw new Forbidden(lockMessage(attempt.lock));
  const verified = await verify(session, proof, rp, now);
  if (!verified) {
    const locked = await limits.failSignIn(attempt);
    if (locked) throw new Forbidden(lockMessage(locked));
    const field = proof.method === "password" ? "password" : proof.method === "passkey" ? "passkey" : "code";
    throw new Invalid(WRONG[proof.method], { [field]: [WRONG[proof.method]] });
  }
  const lockedMeanwhile = await limits.succeedSignIn(attempt);
  if (lockedMeanwhile) throw new Forbidden(lockMessage(lockedMeanwhile));

  return db().$transaction(async (tx) => {
    const marked = await markSessionProved(tx, {
      sessionId: session.sessionId,
      method: proof.method,
      now,
      where: { userId: session.userId, secondFactorDueBy: purpose === "second-step" ? { not: null } : null },
    });
    if (!marked) throw new Forbidden("Sign in again to continue.");
    if (proof.method !== "recovery_code") return { method: proof.method };
    const recoveryCodesLeft = await tx.recoveryCode.count({ where: { userId: session.userId, usedAt: null } });
    await auditRecoveryCodeUse(tx, session, recoveryCodesLeft);
    return { method: proof.method, recoveryCodesLeft };
  });
}

async function verify(session: ProvingSession, proof: Proof, rp: RelyingParty, now: Date): Promise<boolean> {
  switch (proof.method) {
    case "totp":
      return verifyTotpProof(session.userId, proof.code, now);
    case "recovery_code": {
      const normalized = normalizeRecoveryCode(proof.code);
      if (!normalized) return false;
      // Conditional on being unused: of two concurrent uses of one code, one wins.
      const used = await db().recoveryCode.updateMany({ where: { userId: session.userId, codeHash: hashRecoveryCode(normalized), usedAt: null }, data: { usedAt: now } });
      return used.count === 1;
    }
    case "passkey":
      return verifyPasskeyProof(session, proof.response, rp, now);
    case "password": {
      const user = await db().user.findUnique({ where: { id: session.userId }, select: { passwordHash: true, disabled: true } });
      return Boolean(user?.passwordHash && !user.disabled && (await verifyPassword(user.passwordHash, proof.password)));
    }
  }
}

async function verifyTotpProof(userId: string, code: string, now: Date): Promise<boolean> {
  const keys = secretKeys();
  const factors = await db().secondFactor.findMany({ where: { userId, kind: "TOTP", confirmedAt: { not: null } } });
  for (const factor of factors) {
    const secret = open(factor.totpSecret!, keys);
    if (!secret) continue;
    const lastUsedStep = factor.totpLastStep === null ? null : Number(factor.totpLastStep);
    const step = verifyTotp(secret.plaintext, code, { lastUsedStep, now: now.getTime() });
    if (step === null) continue;
    // Conditional on the step read: a code replayed concurrently is accepted once.
    const accepted = await db().secondFactor.updateMany({
      where: { id: factor.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: BigInt(step) } }] },
      data: { totpLastStep: BigInt(step), lastUsedAt: now, ...(secret.stale ? { totpSecret: seal(secret.plaintext, keys) } : {}) },
    });
    if (accepted.count === 1) return true;
  }
  return false;
}

async function verifyPasskeyProof(session: ProvingSession, response: { id: string }, rp: RelyingParty, now: Date): Promise<boolean> {
  const factor = await db().secondFactor.findFirst({ where: { userId: session.userId, kind: "PASSKEY", credentialId: response.id, confirmedAt: { not: null } } });
  if (!factor) return false;
  const passkey = { credentialId: factor.credentialId!, publicKey: factor.publicKey!, signCount: factor.signCount, transports: factor.transports };
  const counter = await verifyAuthentication(db(), { sessionId: session.sessionId, response, passkey, rp, now });
  if (counter === null) return false;
  // A counter that does not move forward (when the authenticator keeps one) is a sign of a cloned key.
  if (factor.signCount > 0n && counter <= factor.signCount) return false;
  await db().secondFactor.update({ where: { id: factor.id }, data: { signCount: counter, lastUsedAt: now } });
  return true;
}

async function auditRecoveryCodeUse(tx: Tx, session: ProvingSession, left: number) {
  await audit(tx, selfEntry({ id: session.userId, email: session.email }, `${session.email} used a recovery code (${left} left)`));
}
