import type { Outcome } from "@/lib/iam/overview/invitation-outcomes";

/**
 * The series of the invitations chart, its legend and its table, in one order. Each is drawn in `currentColor` under
 * a text colour from the palette app/globals.css remaps for the dark theme, so the marks follow the theme with no
 * colour of their own; each keeps 3:1 against the card in both themes.
 */
export const OUTCOME_SERIES: readonly { key: Outcome; label: string; colour: string }[] = [
  { key: "sent", label: "Sent", colour: "text-brand-600" },
  { key: "accepted", label: "Accepted", colour: "text-emerald-800" },
  { key: "expired", label: "Expired", colour: "text-slate-500" },
  { key: "revoked", label: "Revoked", colour: "text-red-600" },
];

// UTC, as every date in the console (lib/format.ts): the days are UTC days.
const DAY = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

/** "2030-06-15" → "15 Jun". */
export const formatDay = (day: string) => DAY.format(new Date(`${day}T00:00:00Z`));
