import { describe, expect, it } from "vitest";
import { mixedScriptMessage, mixedScripts, SCRIPTS } from "./mixed-scripts";
import { groupNameSchema } from "@/lib/iam/groups/group-schemas";
import { roleSchema } from "@/lib/iam/roles/role-schemas";

describe("mixedScripts (UTS #39 highly restrictive)", () => {
  it.each([
    ["Latin", "Main Admins"],
    ["Latin with accents and combining marks", "Café crème e\u0301"],
    ["Cyrillic", "Администраторы"],
    ["Greek", "Ελληνικά"],
    ["Japanese: Han, Katakana and the prolonged sound mark", "管理者グループ"],
    ["Japanese: Han, Hiragana and Katakana", "ひらがなとカタカナと漢字"],
    ["Korean: Hangul and Han", "관리자 韓國"],
    ["Chinese: Han and Bopomofo", "中文ㄅㄆ"],
    ["Latin with Japanese", "IAM 管理者"],
    ["Latin with Korean", "IAM 관리자"],
    ["digits, spaces and punctuation alone", "2024 – (Q1) #42"],
    ["full-width Latin (the look-alike keys catch it, not this)", "Ｍain Admins"],
    ["Arabic with Arabic digits", "فريق ٤٢"],
  ])("accepts %s", (_, name) => {
    expect(mixedScripts(name)).toBeNull();
  });

  it.each([
    ["Main Аdmins", ["Latin", "Cyrillic"]],
    ["Аdmin", ["Cyrillic", "Latin"]],
    ["ΑDMIN", ["Greek", "Latin"]],
    ["Ꭺdmin", ["Cherokee", "Latin"]],
    ["Team ४", ["Latin", "Devanagari"]],
    ["Abc Где γ", ["Latin", "Cyrillic", "Greek"]],
    ["Админ 管理", ["Cyrillic", "Han"]],
    ["Paypal ՕK", ["Latin", "Armenian"]],
  ])("refuses %j, naming %j", (name, scripts) => {
    expect(mixedScripts(name)).toEqual(scripts);
  });

  it("says which alphabets a name mixes", () => {
    expect(mixedScriptMessage("Main Аdmins", ["Latin", "Cyrillic"])).toBe('Use one alphabet in a name: "Main Аdmins" mixes Latin and Cyrillic');
    expect(mixedScriptMessage("Abc Где γ", ["Latin", "Cyrillic", "Greek"])).toBe('Use one alphabet in a name: "Abc Где γ" mixes Latin, Cyrillic and Greek');
  });

  it("knows the script of every assigned character of this JavaScript engine", () => {
    // SCRIPTS is Unicode's list of Script values by hand: a script it lacked would make its letters mix with none.
    const supported = (name: string) => {
      try {
        return new RegExp(`\\p{Script=${name}}`, "u") && true;
      } catch {
        return false;
      }
    };
    const listed = new RegExp(`[${[...SCRIPTS.filter(supported), "Common", "Inherited"].map((name) => `\\p{Script=${name}}`).join("")}]`, "u");
    const unlisted: string[] = [];
    for (let code = 0; code <= 0x10ffff; code++) {
      const character = String.fromCodePoint(code);
      if (!listed.test(character) && !/[\p{Cn}\p{Cs}\p{Co}]/u.test(character)) unlisted.push(code.toString(16));
    }
    expect(unlisted).toEqual([]);
  });
});

describe("the name schemas", () => {
  it.each([
    ["group", (name: string) => groupNameSchema.safeParse(name)],
    ["role", (name: string) => roleSchema.shape.name.safeParse(name)],
  ])("store a %s name in NFC and refuse a mixed-script one with a field error", (_, parse) => {
    const decomposed = "Cafe\u0301";
    expect(parse(decomposed)).toMatchObject({ success: true, data: "Caf\u00e9" });
    const mixed = parse("Main Аdmins");
    expect(mixed.success).toBe(false);
    expect(mixed.error?.issues.map((issue) => issue.message)).toEqual(['Use one alphabet in a name: "Main Аdmins" mixes Latin and Cyrillic']);
    expect(parse("Администраторы")).toMatchObject({ success: true });
    expect(parse("管理者グループ")).toMatchObject({ success: true });
  });
});
