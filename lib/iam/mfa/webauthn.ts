import "server-only";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import type { DbClient } from "@/lib/db/types";
import { Forbidden } from "@/lib/iam/errors";

// Passkeys as a second factor, over @simplewebauthn/server. The challenge of a ceremony is kept on the session that
// asked for it (one at a time, five minutes) and taken — read and cleared in one statement — when the answer comes,
// so a response is accepted once. User verification (PIN, biometrics) is required: a passkey is then a factor of its own.

/** Who the passkeys belong to: the console's host name (WebAuthn's RP ID) and the origin the browser reports. */
export interface RelyingParty {
  id: string;
  name: string;
  origin: string;
}

export function relyingPartyFor(origin: string): RelyingParty {
  return { id: new URL(origin).hostname, name: "IAM Console", origin: new URL(origin).origin };
}

const CHALLENGE_TTL_MS = 5 * 60_000;

async function keepChallenge(client: DbClient, sessionId: string, challenge: string, now: Date) {
  const kept = await client.session.updateMany({
    where: { id: sessionId },
    data: { webauthnChallenge: challenge, webauthnChallengeExpiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS) },
  });
  // Signed out elsewhere meanwhile: there is no ceremony to hold.
  if (kept.count === 0) throw new Forbidden("Your session has ended. Sign in again to continue.");
}

/** The session's open challenge, cleared as it is read; null when there is none or it is past its time. */
async function takeChallenge(client: DbClient, sessionId: string, now: Date): Promise<string | null> {
  const [row] = await client.$queryRaw<{ challenge: string | null; expires_at: Date | null }[]>`
    UPDATE sessions s SET webauthn_challenge = NULL, webauthn_challenge_expires_at = NULL
    FROM (SELECT id, webauthn_challenge, webauthn_challenge_expires_at FROM sessions WHERE id = ${sessionId}::uuid FOR UPDATE) old
    WHERE s.id = old.id
    RETURNING old.webauthn_challenge AS challenge, old.webauthn_challenge_expires_at AS expires_at`;
  if (!row?.challenge || !row.expires_at || row.expires_at.getTime() <= now.getTime()) return null;
  return row.challenge;
}

export interface StoredPasskey {
  credentialId: string;
  publicKey: Uint8Array;
  signCount: bigint;
  transports: string[];
}

export async function registrationOptions(
  client: DbClient,
  { sessionId, user, existing, rp, now = new Date() }: { sessionId: string; user: { id: string; email: string; name: string }; existing: { credentialId: string; transports: string[] }[]; rp: RelyingParty; now?: Date },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(user.id),
    attestationType: "none",
    excludeCredentials: existing.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports as never })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "required" },
    timeout: CHALLENGE_TTL_MS,
  });
  await keepChallenge(client, sessionId, options.challenge, now);
  return options;
}

/** The new credential, or null when the answer is not a valid registration for this session's open challenge. */
export async function verifyRegistration(
  client: DbClient,
  { sessionId, response, rp, now = new Date() }: { sessionId: string; response: unknown; rp: RelyingParty; now?: Date },
): Promise<StoredPasskey | null> {
  const challenge = await takeChallenge(client, sessionId, now);
  if (!challenge) return null;
  try {
    const result = await verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
    });
    if (!result.verified) return null;
    const { credential } = result.registrationInfo;
    return { credentialId: credential.id, publicKey: credential.publicKey, signCount: BigInt(credential.counter), transports: credential.transports ?? [] };
  } catch {
    // A malformed or forged response is the client's doing: refused, never a server error.
    return null;
  }
}

export async function authenticationOptions(
  client: DbClient,
  { sessionId, passkeys, rp, now = new Date() }: { sessionId: string; passkeys: { credentialId: string; transports: string[] }[]; rp: RelyingParty; now?: Date },
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: passkeys.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports as never })),
    userVerification: "required",
    timeout: CHALLENGE_TTL_MS,
  });
  await keepChallenge(client, sessionId, options.challenge, now);
  return options;
}

/** The passkey's new signature counter, or null when the answer is not a valid assertion by this passkey. */
export async function verifyAuthentication(
  client: DbClient,
  { sessionId, response, passkey, rp, now = new Date() }: { sessionId: string; response: unknown; passkey: StoredPasskey; rp: RelyingParty; now?: Date },
): Promise<bigint | null> {
  const challenge = await takeChallenge(client, sessionId, now);
  if (!challenge) return null;
  try {
    const result = await verifyAuthenticationResponse({
      response: response as AuthenticationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: { id: passkey.credentialId, publicKey: new Uint8Array(passkey.publicKey), counter: Number(passkey.signCount), transports: passkey.transports as never },
      requireUserVerification: true,
    });
    return result.verified ? BigInt(result.authenticationInfo.newCounter) : null;
  } catch {
    return null;
  }
}
