import { createHash, randomBytes } from "node:crypto";

// Recovery codes: ten at a time, shown once, each single use. 80 random bits in Crockford-style base32 without the
// look-alikes (no I, L, O, U), grouped `XXXX-XXXX-XXXX-XXXX` to be written down. Only the SHA-256 of the normalized
// code is stored: with 80 bits of entropy a salt or a slow hash adds nothing.
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const GROUPS = 4;
const GROUP_LENGTH = 4;

function newCode(): string {
  // 16 characters of 5 bits each from 10 random bytes (80 bits), read 5 bits at a time.
  const bytes = randomBytes(10);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let text = "";
  for (let index = 0; index < GROUPS * GROUP_LENGTH; index++) text = ALPHABET[Number((bits >> BigInt(index * 5)) & 31n)] + text;
  return text.match(new RegExp(`.{${GROUP_LENGTH}}`, "g"))!.join("-");
}

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
}

/** What a person types, as stored: case, spaces and dashes ignored; look-alike letters read as the digits they mimic. */
export function normalizeRecoveryCode(input: string): string | null {
  const text = input.toUpperCase().replace(/[\s-]+/g, "").replace(/[IL]/g, "1").replace(/O/g, "0");
  return text.length === GROUPS * GROUP_LENGTH && [...text].every((char) => ALPHABET.includes(char)) ? text : null;
}

export function hashRecoveryCode(normalized: string): string {
  return createHash("sha256").update(normalized, "utf8").digest("hex");
}
