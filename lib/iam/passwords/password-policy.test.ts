import { describe, expect, it } from "vitest";
import { isCommonPassword } from "./common-passwords";
import { createAccountSchema } from "@/lib/iam/users/account-schemas";
import { checkPassword } from "./password-policy";

const unmet = (password: string, email = "ada.lovelace@example.com") =>
  checkPassword(password, email, isCommonPassword(password)).filter((check) => !check.isMet).map((check) => check.id);

describe("password policy", () => {
  it("accepts a long, unusual password", () => {
    expect(unmet("violet-harbour-cinnamon-42")).toEqual([]);
  });

  it.each([
    ["short-pw-11", ["length"]],
    ["ada.lovelace-rocks!", ["email"]],
    ["ADA.LOVELACE@EXAMPLE.COM", ["email"]],
    ["password1234", ["common"]],
    ["qwertyuiop123!", ["common"]],
    ["", ["length", "email", "common"]],
  ])("%j misses %j", (password, expected) => {
    expect(unmet(password)).toEqual(expected);
  });

  it("schema: names required and bounded, confirmation must match, no control characters", () => {
    const valid = { firstName: "Ada", lastName: "Lovelace", password: "violet-harbour-42", confirmPassword: "violet-harbour-42" };
    expect(createAccountSchema.safeParse(valid).success).toBe(true);
    for (const input of [
      { ...valid, confirmPassword: "violet-harbour-43" },
      { ...valid, firstName: "" },
      { ...valid, lastName: "x".repeat(101) },
      { ...valid, firstName: "Ada\u0000" },
      { ...valid, password: "short", confirmPassword: "short" },
      { ...valid, password: "p".repeat(300), confirmPassword: "p".repeat(300) },
    ]) {
      expect(createAccountSchema.safeParse(input).success).toBe(false);
    }
  });
});
