import { createHash, randomBytes } from "node:crypto";

// Invitation tokens: 256 bits from the CSPRNG, URL-safe. Only the SHA-256 is stored, so a database leak yields no
// usable links; SHA-256 without salt is enough because the token itself has full entropy.
const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Cheap shape check before any database look-up: anything else is an invalid link. */
export function isWellFormedToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}
