import { describe, expect, it } from "vitest";
import { loginPath, safeCallbackPath } from "./callback-url";

describe("safeCallbackPath", () => {
  it.each(["/main/admin/iam/users", "/main?x=1#y", "/"])("keeps the same-origin path %s", (path) => {
    expect(safeCallbackPath(path)).toBe(path);
  });

  it.each([
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example",
    "javascript:alert(1)",
    "main/admin",
    "/main\n/admin",
    `/${"a".repeat(3000)}`,
    undefined,
    42,
  ])("falls back to / for the unsafe target %s", (target) => {
    expect(safeCallbackPath(target)).toBe("/");
  });
});

describe("loginPath", () => {
  it("carries the requested page, encoded, and drops unsafe ones", () => {
    expect(loginPath("/main/admin/iam/users?q=a b")).toBe("/login?callbackUrl=%2Fmain%2Fadmin%2Fiam%2Fusers%3Fq%3Da%20b");
    expect(loginPath("//evil.example")).toBe("/login");
  });
});
