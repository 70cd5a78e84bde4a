import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { hashRecoveryCode, newRecoveryCodes, normalizeRecoveryCode, RECOVERY_CODE_COUNT } from "@/lib/iam/mfa/recovery-codes";
import { open, seal } from "@/lib/iam/mfa/secret-box";
import { newTotpSecret, totpUri, verifyTotp } from "@/lib/iam/mfa/totp";

// The second factor's building blocks, with codes computed independently from the same secret (RFC 6238's own
// SHA-1 test key, and fresh keys), not by the code under test.
const RFC_SECRET = Secret.fromLatin1("12345678901234567890").base32;
const codeAt = (secret: string, seconds: number) => TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30, timestamp: seconds * 1000 });

describe("TOTP", () => {
  it("matches RFC 6238's SHA-1 vector (59 s → 287082 in 6 digits) and accepts one step either side, not two", () => {
    expect(codeAt(RFC_SECRET, 59)).toBe("287082");
    const now = 59_000;
    expect(verifyTotp(RFC_SECRET, "287082", { lastUsedStep: null, now })).toBe(1);
    expect(verifyTotp(RFC_SECRET, codeAt(RFC_SECRET, 59 - 30), { lastUsedStep: null, now })).toBe(0);
    expect(verifyTotp(RFC_SECRET, codeAt(RFC_SECRET, 59 + 30), { lastUsedStep: null, now })).toBe(2);
    expect(verifyTotp(RFC_SECRET, codeAt(RFC_SECRET, 59 + 60), { lastUsedStep: null, now })).toBeNull();
    // The edges of a step: its last millisecond still takes the next step's code, not the one after.
    expect(verifyTotp(RFC_SECRET, codeAt(RFC_SECRET, 60), { lastUsedStep: null, now: 29_999 })).toBeNull();
    expect(verifyTotp(RFC_SECRET, codeAt(RFC_SECRET, 30), { lastUsedStep: null, now: 29_999 })).toBe(1);
  });

  it("accepts a code once: the same code, or an older one, after a newer step is refused", () => {
    const secret = newTotpSecret();
    const now = Date.UTC(2026, 11, 2, 12, 0, 10);
    const code = codeAt(secret, now / 1000);
    const step = verifyTotp(secret, code, { lastUsedStep: null, now });
    expect(step).toBe(Math.floor(now / 30_000));
    expect(verifyTotp(secret, code, { lastUsedStep: step, now })).toBeNull();
    expect(verifyTotp(secret, codeAt(secret, now / 1000 - 30), { lastUsedStep: step, now })).toBeNull();
    expect(verifyTotp(secret, codeAt(secret, now / 1000 + 30), { lastUsedStep: step, now })).toBe(step! + 1);
  });

  it("refuses malformed input without throwing; spaces in a typed code are fine", () => {
    const secret = newTotpSecret();
    const now = Date.UTC(2026, 11, 2, 12, 0, 10);
    for (const bad of ["", "12345", "1234567", "abcdef", "١٢٣٤٥٦", "x".repeat(10_000), "000000\n"]) {
      expect(verifyTotp(secret, bad, { lastUsedStep: null, now })).toBeNull();
    }
    const code = codeAt(secret, now / 1000);
    expect(verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, { lastUsedStep: null, now })).not.toBeNull();
  });

  it("makes 160-bit keys and an otpauth:// URI the apps read", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const uri = new URL(totpUri(secret, { issuer: "IAM Console", account: "ada@example.com" }));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(uri.searchParams.get("issuer")).toBe("IAM Console");
    expect(uri.searchParams.get("algorithm")).toBe("SHA1");
    expect(uri.searchParams.get("digits")).toBe("6");
    expect(uri.searchParams.get("period")).toBe("30");
    expect(decodeURIComponent(uri.pathname)).toContain("ada@example.com");
  });
});

describe("the secret box", () => {
  const keys = { current: "a current secret of enough length 123", previous: [] };

  it("round-trips, with a fresh IV each time, and reveals nothing of the plaintext", () => {
    const first = seal("JBSWY3DPEHPK3PXP", keys);
    const second = seal("JBSWY3DPEHPK3PXP", keys);
    expect(first).not.toBe(second);
    expect(first).not.toContain("JBSWY3DPEHPK3PXP");
    expect(open(first, keys)).toEqual({ plaintext: "JBSWY3DPEHPK3PXP", stale: false });
  });

  it("opens with a previous key during a rotation (stale), and not at all with an unknown key or a tampered value", () => {
    const old = seal("secret", { current: "the old secret, rotated away 456", previous: [] });
    expect(open(old, { current: "the new secret 789 789 789 789", previous: ["the old secret, rotated away 456"] })).toEqual({ plaintext: "secret", stale: true });
    expect(open(old, { current: "the new secret 789 789 789 789", previous: [] })).toBeNull();
    const [version, iv, body] = seal("secret", keys).split(".");
    const flipped = Buffer.from(body, "base64url");
    flipped[0] ^= 1;
    for (const bad of [`${version}.${iv}.${flipped.toString("base64url")}`, `v2.${iv}.${body}`, `${version}.${iv}`, "", "v1..", `${version}.${iv}.${body}.x`]) {
      expect(open(bad, keys)).toBeNull();
    }
  });
});

describe("recovery codes", () => {
  it("ten distinct codes of 80 bits, grouped to be written down, that normalize to what is hashed", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    const [code] = codes;
    const typed = ` ${code.toLowerCase().replace(/-/g, " ")} `;
    expect(normalizeRecoveryCode(typed)).toBe(code.replace(/-/g, ""));
    expect(hashRecoveryCode(normalizeRecoveryCode(typed)!)).toBe(hashRecoveryCode(code.replace(/-/g, "")));
    expect(hashRecoveryCode(code.replace(/-/g, ""))).toMatch(/^[0-9a-f]{64}$/);
  });

  it("reads look-alike letters as digits, and refuses what cannot be a code", () => {
    expect(normalizeRecoveryCode("oooo-iiii-llll-0000")).toBe("0000111111110000");
    for (const bad of ["", "ABCD", "ABCD-EFGH-JKMN-PQRSX", "ABCD-EFGH-JKMN-PQRU", "<script>", "A".repeat(5000)]) {
      expect(normalizeRecoveryCode(bad)).toBeNull();
    }
  });
});
