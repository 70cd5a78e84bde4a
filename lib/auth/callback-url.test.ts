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
    "/.//evil.example/",
    "/..//evil.example",
    undefined,
    42,
  ])("falls back to / for the unsafe target %s", (target) => {
    expect(safeCallbackPath(target)).toBe("/");
  });

  it.each([
    ["/€", "/%E2%82%AC"],
    ["/é", "/%C3%A9"],
    ["/main?q=😀 x", "/main?q=%F0%9F%98%80%20x"],
    ["/main/%E2%82%AC", "/main/%E2%82%AC"],
  ])("percent-encodes %s, which a Location header could not carry", (target, encoded) => {
    const path = safeCallbackPath(target);
    expect(path).toBe(encoded);
    expect(/^[\x21-\x7e]*$/.test(path)).toBe(true);
  });
});

describe("loginPath", () => {
  it("carries the requested page, encoded, and drops unsafe ones", () => {
    // The space is first percent-encoded as a URL would carry it (q=a%20b), then the whole path as a parameter.
    expect(loginPath("/main/admin/iam/users?q=a b")).toBe("/login?callbackUrl=%2Fmain%2Fadmin%2Fiam%2Fusers%3Fq%3Da%2520b");
    expect(loginPath("//evil.example")).toBe("/login");
  });
});
