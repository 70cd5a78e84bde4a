"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import type { OutcomeDay } from "@/lib/iam/overview/invitation-outcomes";
import { cn } from "@/lib/utils";
import { formatDay, OUTCOME_SERIES } from "./outcome-series";

const TICK = { fill: "currentColor", fontSize: 12 };

/**
 * Per day, two bars: the invitations sent, and beside it what happened to invitations that day (accepted, expired,
 * revoked, stacked). Hidden from assistive technology, which gets the same numbers as a table next to it; without
 * recharts' keyboard layer, so nothing inside the hidden part takes focus. Marks and text are `currentColor`
 * (outcome-series.ts), so the chart follows the theme.
 */
export function InvitationOutcomeChart({ days }: { days: OutcomeDay[] }) {
  return (
    <div aria-hidden className="h-64 w-full min-w-0 text-slate-600">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={days} accessibilityLayer={false} barGap={1} margin={{ top: 8, right: 4, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke="currentColor" strokeOpacity={0.2} />
          <XAxis dataKey="day" tickFormatter={formatDay} tick={TICK} stroke="currentColor" tickLine={false} minTickGap={24} />
          <YAxis allowDecimals={false} tick={TICK} stroke="currentColor" tickLine={false} axisLine={false} width={32} />
          <Tooltip content={OutcomeTooltip} cursor={{ fill: "currentColor", fillOpacity: 0.08 }} isAnimationActive={false} />
          {OUTCOME_SERIES.map((series) => (
            <Bar
              key={series.key}
              dataKey={series.key}
              name={series.label}
              stackId={series.key === "sent" ? "sent" : "outcomes"}
              fill="currentColor"
              className={series.colour}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

function OutcomeTooltip({ active, label, payload }: TooltipContentProps) {
  if (!active || !payload?.length) return null;
  const day = payload[0].payload as OutcomeDay;
  return (
    <div className="rounded-md border border-slate-200 bg-surface px-3 py-2 text-xs text-slate-700 shadow-md">
      <p className="font-medium text-slate-900">{formatDay(String(label))}</p>
      <ul>
        {OUTCOME_SERIES.map((series) => (
          <li key={series.key} className="flex items-center gap-2">
            <span className={cn("size-2 rounded-sm bg-current", series.colour)} />
            {series.label}: {day[series.key]}
          </li>
        ))}
      </ul>
    </div>
  );
}
