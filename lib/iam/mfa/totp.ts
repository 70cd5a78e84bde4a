import { Secret, TOTP } from "otpauth";

// Authenticator apps (RFC 6238): SHA-1, 6 digits, 30-second steps, one step either side accepted for clock drift.
// What every app (Google Authenticator, 1Password, Authy, Microsoft Authenticator) reads from an otpauth:// URI.
const PARAMETERS = { algorithm: "SHA1", digits: 6, period: 30 } as const;
const WINDOW = 1;
const CODE_PATTERN = /^\d{6}$/;

/** A new key: 160 random bits (RFC 4226's recommended length), base32 as the apps take it for manual entry. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI the enrolment QR code carries: issuer and account name as the app will list them. */
export function totpUri(secret: string, { issuer, account }: { issuer: string; account: string }): string {
  return new TOTP({ ...PARAMETERS, issuer, label: account, secret: Secret.fromBase32(secret) }).toString();
}

/**
 * The time step a code belongs to, or null when it is wrong, malformed or already used. `lastUsedStep` is the step of
 * the last code accepted for this key: a code is accepted once, and never one older than the last (replay within its
 * window refused). The caller stores the returned step with the acceptance, atomically.
 */
export function verifyTotp(secret: string, code: string, { lastUsedStep, now = Date.now() }: { lastUsedStep: number | null; now?: number }): number | null {
  const token = code.replace(/\s+/g, "");
  if (!CODE_PATTERN.test(token)) return null;
  const totp = new TOTP({ ...PARAMETERS, secret: Secret.fromBase32(secret) });
  const delta = totp.validate({ token, timestamp: now, window: WINDOW });
  if (delta === null) return null;
  const step = totp.counter({ timestamp: now }) + delta;
  return lastUsedStep !== null && step <= lastUsedStep ? null : step;
}
