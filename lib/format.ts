// Server-rendered dates in one fixed format and zone, so every page (and every test) reads them the same way.
const DATE_TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function formatDateTime(date: Date | null | undefined, never = "Never"): string {
  return date ? `${DATE_TIME.format(date)} UTC` : never;
}

/** "1 member", "3 members": English plurals of the nouns the console counts (all regular). */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
