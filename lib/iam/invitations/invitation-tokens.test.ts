import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashToken, isWellFormedToken, newToken } from "./invitation-tokens";

describe("invitation tokens", () => {
  it("are 256-bit, URL-safe and never repeat", () => {
    const tokens = Array.from({ length: 2000 }, newToken);
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens.slice(0, 50)) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
      expect(isWellFormedToken(token)).toBe(true);
    }
  });

  it("hash to the SHA-256 hex digest", () => {
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("refuses anything that is not exactly a token's shape", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (candidate) => {
        expect(isWellFormedToken(candidate)).toBe(/^[A-Za-z0-9_-]{43}$/.test(candidate));
      }),
    );
    expect(isWellFormedToken(`${newToken()}x`)).toBe(false);
    expect(isWellFormedToken("../../etc/passwd")).toBe(false);
  });
});
