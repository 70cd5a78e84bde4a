"use client";

import dynamic from "next/dynamic";

// recharts is loaded by the overview alone, after its server render: no other page's bundle carries it, and the
// overview's numbers (its table included) are on screen before the chart is. The placeholder keeps the chart's height.
export const LazyInvitationOutcomeChart = dynamic(() => import("./invitation-outcome-chart").then((module) => module.InvitationOutcomeChart), {
  ssr: false,
  loading: () => <div aria-hidden className="h-64 w-full animate-pulse rounded-md bg-slate-100" />,
});
