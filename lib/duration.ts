// ISO-8601 durations (PnYnMnWnDTnHnMnS) as used by INVITATIONS_EXPIRE_AFTER. Written by hand: the grammar is
// tiny, and the libraries that parse it (luxon, moment) are far larger than this file.
const PATTERN = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export function parseDuration(text: string): Duration | undefined {
  const match = PATTERN.exec(text);
  if (!match) return undefined;
  const [years, months, weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0));
  const duration = { years, months, weeks, days, hours, minutes, seconds };
  return Object.values(duration).some((value) => value > 0) ? duration : undefined;
}

/** Calendar-aware: P1M from 31 January is the end of February's overflow as JavaScript dates define it. */
export function addDuration(start: Date, duration: Duration): Date {
  const result = new Date(start);
  result.setUTCFullYear(result.getUTCFullYear() + duration.years, result.getUTCMonth() + duration.months);
  const milliseconds =
    ((((duration.weeks * 7 + duration.days) * 24 + duration.hours) * 60 + duration.minutes) * 60 + duration.seconds) * 1000;
  return new Date(result.getTime() + milliseconds);
}
