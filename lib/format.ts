// Server-rendered dates in one fixed format and zone, so every page (and every test) reads them the same way.
const DATE_TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function formatDateTime(date: Date | null | undefined, never = "Never"): string {
  return date ? `${DATE_TIME.format(date)} UTC` : never;
}

/** "1 member", "3 members"; `many` for a plural that is not `one` + "s" ("1 user matches", "2 users match"). */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
