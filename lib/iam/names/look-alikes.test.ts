import { describe, expect, it } from "vitest";
import { lookAlikeNote, looksAlike, nameKeys, skeleton } from "./look-alikes";

describe("skeleton (UTS #39)", () => {
  it("maps look-alike characters to one prototype, whatever the composition", () => {
    expect(skeleton("Main Аdmins")).toBe(skeleton("Main Admins"));
    expect(skeleton("Ｍain Admins")).toBe(skeleton("Main Admins"));
    expect(skeleton("Cafe\u0301")).toBe(skeleton("Caf\u00e9"));
    expect(skeleton("ℌ𝔢𝔩𝔩𝔬")).toBe(skeleton("Hello"));
    // confusables.txt prototypes: "m" looks like "rn", capital "I" and the digit "1" like "l", "0" like "O".
    expect(skeleton("rn")).toBe(skeleton("m"));
    expect(skeleton("AII")).toBe(skeleton("All"));
    expect(skeleton("0ps")).toBe(skeleton("Ops"));
  });
});

describe("nameKeys", () => {
  it.each([
    ["a Cyrillic А", "Main Admins", "Main Аdmins"],
    ["full-width letters", "Main Admins", "Ｍain Admins"],
    ["the whole name in Cyrillic", "Space Ops", "Ѕрасе Орѕ"],
    ["NFC and NFD", "Caf\u00e9", "Cafe\u0301"],
    ["another case", "Admins", "admins"],
    ["another case throughout", "ADMINS", "admins"],
    ["capital I for l", "All Users", "AII Users"],
    ["capital I for l and another case", "all users", "AII users"],
    ["Greek capitals", "ABE", "ΑΒΕ"],
    ["mathematical letters", "Hello", "ℌ𝔢𝔩𝔩𝔬"],
    ["a zero for an O", "Ops", "0ps"],
    ["rn for m", "Admins", "Adrnins"],
  ])("makes names with %s collide", (_, existing, lookAlike) => {
    const [a, b] = [nameKeys(existing), nameKeys(lookAlike)];
    expect(a.nameKey === b.nameKey || a.nameSkeleton === b.nameSkeleton).toBe(true);
    expect(looksAlike(existing, lookAlike)).toBe(true);
  });

  it.each([
    ["Mail", "Mall"],
    ["Admins", "Admin"],
    ["Администраторы", "Администратор"],
    ["管理者グループ", "管理者チーム"],
    ["Café", "Cafe"],
    ["Ops 1", "Ops 2"],
  ])("keeps %j and %j apart", (a, b) => {
    expect(nameKeys(a).nameKey).not.toBe(nameKeys(b).nameKey);
    expect(nameKeys(a).nameSkeleton).not.toBe(nameKeys(b).nameSkeleton);
    expect(looksAlike(a, b)).toBe(false);
  });

  it("folds case before the skeleton in one key and only after it in the other", () => {
    expect(nameKeys("ADMINS")).toEqual({ nameKey: "adrnins", nameSkeleton: "admlns" });
    expect(nameKeys("AII users").nameSkeleton).toBe(nameKeys("all users").nameSkeleton);
  });
});

describe("lookAlikeNote", () => {
  it("says so only when the names are not the same but for case", () => {
    expect(lookAlikeNote("Ops", "OPS")).toBe("");
    expect(lookAlikeNote("Caf\u00e9", "Cafe\u0301")).toBe("");
    expect(lookAlikeNote("Main Admins", "Ｍain Admins")).toBe(" (the names look alike)");
  });
});
