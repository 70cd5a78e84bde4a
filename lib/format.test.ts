import { describe, expect, it } from "vitest";
import { formatRelative } from "./format";

const NOW = new Date("2026-12-02T12:00:00Z");
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

describe("formatRelative", () => {
  it.each([
    [0, "just now"],
    [-59, "just now"],
    [-120, "2 min ago"],
    [-60, "1 min ago"],
    [3600 * 3, "in 3 hours"],
    [-86400, "yesterday"],
    [86400, "tomorrow"],
    [5 * 86400 + 20 * 3600, "in 6 days"],
    [-14 * 86400, "14 days ago"],
    [7 * 86400, "in 7 days"],
    [-400 * 86400, "last year"],
    [40 * 86400, "next month"],
  ])("%d s from now reads %j", (seconds, expected) => {
    expect(formatRelative(at(seconds), NOW)).toBe(expected);
  });
});
