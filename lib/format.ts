// Server-rendered dates in one fixed format and zone, so every page (and every test) reads them the same way.
const DATE_TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function formatDateTime(date: Date | null | undefined, never = "Never"): string {
  return date ? `${DATE_TIME.format(date)} UTC` : never;
}
