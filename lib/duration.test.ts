import { describe, expect, it } from "vitest";
import { addDuration, parseDuration } from "./duration";

describe("ISO-8601 durations", () => {
  const start = new Date("2026-01-31T12:00:00Z");
  it.each([
    ["P7D", "2026-02-07T12:00:00.000Z"],
    ["P30D", "2026-03-02T12:00:00.000Z"],
    ["PT12H", "2026-02-01T00:00:00.000Z"],
    ["P1W", "2026-02-07T12:00:00.000Z"],
    ["PT90M", "2026-01-31T13:30:00.000Z"],
    ["PT1S", "2026-01-31T12:00:01.000Z"],
    ["P1Y", "2027-01-31T12:00:00.000Z"],
    ["P1DT2H", "2026-02-01T14:00:00.000Z"],
  ])("%s after 31 Jan 12:00 UTC is %s", (text, expected) => {
    expect(addDuration(start, parseDuration(text)!).toISOString()).toBe(expected);
  });

  it.each(["", "P", "PT", "7D", "P7", "P1.5D", "P-1D", "PT0S", "P0D", "P1DT", "p7d", " P7D", "P7D\n"])("refuses %j", (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});
