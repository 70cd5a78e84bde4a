import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mixedScripts } from "@/lib/iam/names/mixed-scripts";
import { applyCorruption, CONTROL_CHARACTERS, controlString, corrupted, hostileArgs, hugeString, lookAlikeOf, unicodeTrick, UNICODE_TRICKS } from "@/test/hostile";

// The hostile-input arbitraries deliver what the property tests rely on.
describe("hostile arbitraries", () => {
  it("make huge strings of 10k–200k characters", () => {
    for (const text of fc.sample(hugeString, 50)) {
      expect(text.length).toBeGreaterThanOrEqual(10_000);
      expect(text.length).toBeLessThanOrEqual(200_000 + "ok@example.com".length);
    }
  });

  it("put a control character in every control string", () => {
    for (const text of fc.sample(controlString, 200)) expect([...text].some((char) => CONTROL_CHARACTERS.includes(char))).toBe(true);
  });

  it("mix confusables, bidi overrides, zero-width and combining characters into text", () => {
    const samples = fc.sample(unicodeTrick, 300);
    for (const trick of ["\u202eevil\u202c", "adm\u200bin", "e\u0301\u0301\u0301", "аdmin"]) {
      expect(UNICODE_TRICKS).toContain(trick);
    }
    expect(samples.some((text) => UNICODE_TRICKS.some((trick) => text.includes(trick)))).toBe(true);
  });

  it("make look-alikes of a name that are never the name, some in one alphabet and some mixing alphabets", () => {
    const samples = fc.sample(lookAlikeOf("Café crew"), 300);
    expect(samples).not.toContain("Café crew");
    expect(samples.some((name) => mixedScripts(name) === null)).toBe(true);
    expect(samples.some((name) => mixedScripts(name) !== null)).toBe(true);
    expect(samples).toContain("Cafe\u0301 crew");
  });

  it("corrupt a valid input in exactly one place: a field replaced or dropped, or a key added", () => {
    const valid = { name: "Team", access: { mode: "ROLE", namespaces: ["company"] }, superAdmin: false };
    expect(applyCorruption(valid, { kind: "drop", path: ["access", "namespaces", 0] })).toEqual({ ...valid, access: { mode: "ROLE", namespaces: [] } });
    expect(applyCorruption(valid, { kind: "replace", path: ["name"], value: 7 })).toEqual({ ...valid, name: 7 });
    const polluted = applyCorruption(valid, { kind: "extra", path: [], key: "__proto__", value: { ok: true } }) as Record<string, unknown>;
    expect(Object.keys(polluted)).toContain("__proto__");
    expect(Object.getPrototypeOf(polluted)).toBe(Object.prototype);
    expect(valid).toEqual({ name: "Team", access: { mode: "ROLE", namespaces: ["company"] }, superAdmin: false });

    const samples = fc.sample(corrupted(valid), 500);
    expect(samples.filter((sample) => !isDeepStrictEqual(sample, valid)).length).toBeGreaterThan(475);
  });

  it("derive argument lists with a corrupted, replaced or missing argument", () => {
    const samples = fc.sample(hostileArgs(["main", "6f1c2b1e-0000-4000-8000-000000000000", { name: "x" }]), 300);
    expect(samples.every(Array.isArray)).toBe(true);
    expect(samples.some((args) => args.length < 3)).toBe(true);
    expect(samples.some((args) => args.length === 3 && typeof args[0] !== "string")).toBe(true);
  });
});
