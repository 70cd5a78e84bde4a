import { describe, expect, it } from "vitest";
import { firstValues, listHref } from "./search-params";

describe("list page URLs", () => {
  it("takes the first of repeated parameters", () => {
    expect(firstValues({ q: ["a", "b"], status: "active", group: undefined })).toEqual({ q: "a", status: "active", group: undefined });
  });

  it("links a page with its filters and cursor, leaving out what is absent or empty, encoded", () => {
    expect(listHref("/main/admin/iam/users", { q: "ada lovelace", status: undefined, group: "", after: "abc" })).toBe("/main/admin/iam/users?q=ada+lovelace&after=abc");
    expect(listHref("/g", { q: "a&b=c#d" }, "#members-heading")).toBe("/g?q=a%26b%3Dc%23d#members-heading");
    expect(listHref("/g", {})).toBe("/g?");
  });
});
