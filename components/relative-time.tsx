"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import { formatDateTime, formatRelative } from "@/lib/format";

const noSubscription = () => () => {};
const EXACT = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "long" });

/**
 * A date as people read it ("2 min ago", "in 6 days") in a <time> element whose title is the exact moment in the
 * visitor's own locale and time zone. The server renders the same words with the exact time in UTC (it knows
 * neither locale nor zone); once hydrated, the browser swaps in its own and keeps the words current every minute.
 */
export function RelativeTime({ date, never = "Never" }: { date: Date | null | undefined; never?: string }) {
  const isHydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const now = useNow(isHydrated);
  if (!date) return <>{never}</>;
  return (
    <time dateTime={date.toISOString()} title={isHydrated ? EXACT.format(date) : formatDateTime(date)} suppressHydrationWarning>
      {formatRelative(date, now)}
    </time>
  );
}

function useNow(isHydrated: boolean): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    if (!isHydrated) return;
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, [isHydrated]);
  return now;
}
