// Server-rendered dates in one fixed format and zone, so every page (and every test) reads them the same way.
const DATE_TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function formatDateTime(date: Date | null | undefined, never = "Never"): string {
  return date ? `${DATE_TIME.format(date)} UTC` : never;
}

/** "1 member", "3 members"; `many` for a plural that is not `one` + "s" ("1 user matches", "2 users match"). */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

const RELATIVE = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/**
 * "2 min ago", "in 6 days", "yesterday": the largest unit that fits, rounded toward the nearer whole (5 days 20 h
 * reads "in 6 days", as people count days to a deadline); days, not weeks, up to a month, so an invitation reads "in 7 days"
 * rather than the vaguer "next week". Under a minute either way is "just now".
 */
export function formatRelative(date: Date, now: Date): string {
  const seconds = (date.getTime() - now.getTime()) / 1000;
  const size = Math.abs(seconds);
  if (size < 60) return "just now";
  for (const [unit, length] of UNITS) {
    if (size >= length || unit === "minute") {
      const value = Math.round(seconds / length);
      if (value !== 0) return RELATIVE.format(value, unit).replace(/ minutes?\b/, " min");
    }
  }
  return "just now";
}
