import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

// Second-factor secrets (an authenticator app's TOTP key) must be readable by the server, so they cannot be hashed:
// they are encrypted at rest with AES-256-GCM under a key derived (HKDF-SHA256) from AUTH_SECRET. A database dump
// alone yields nothing. Hand-written because it is a dozen lines over node:crypto; a library would add nothing.
//
// Rotation: the caller passes the new AUTH_SECRET as `current` and the old ones as `previous`. Sealed values still
// open with an old key, and `open` says so (`stale`), so the caller re-seals them under the new key when next used.

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

function keyFrom(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "iam-console", "second-factor secrets v1", 32));
}

export interface SecretKeys {
  current: string;
  previous: string[];
}

/** Encrypts with the current key: `v1.<iv>.<ciphertext+tag>`, base64url; a fresh IV every time. */
export function seal(plaintext: string, keys: SecretKeys): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(keys.current), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, iv.toString("base64url"), body.toString("base64url")].join(".");
}

/** Decrypts with the current key, else a previous one (`stale: true`); null when none opens it (tampered, or unknown key). */
export function open(sealed: string, keys: SecretKeys): { plaintext: string; stale: boolean } | null {
  const [version, ivText, bodyText, extra] = sealed.split(".");
  if (version !== VERSION || !ivText || !bodyText || extra !== undefined) return null;
  const iv = Buffer.from(ivText, "base64url");
  const body = Buffer.from(bodyText, "base64url");
  if (iv.length !== IV_BYTES || body.length < TAG_BYTES) return null;
  for (const [index, secret] of [keys.current, ...keys.previous].entries()) {
    try {
      const decipher = createDecipheriv("aes-256-gcm", keyFrom(secret), iv);
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      const plaintext = Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString("utf8");
      return { plaintext, stale: index > 0 };
    } catch {
      // Not this key: try the next.
    }
  }
  return null;
}
