import { describe, expect, it } from "vitest";
import { hashPassword, verifyAgainstDecoy, verifyPassword } from "./password-hashing";

describe("passwords", () => {
  it("hashes with argon2id, salted, and verifies only the right password", async () => {
    const first = await hashPassword("correct horse battery staple");
    const second = await hashPassword("correct horse battery staple");
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword(first, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(first, "correct horse battery stapler")).toBe(false);
  });

  it("treats a malformed stored hash as a failed check, not an exception", async () => {
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
  });

  it("always fails against the decoy", async () => {
    expect(await verifyAgainstDecoy("decoy password that never matches anything")).toBe(false);
  });
});
