import { Cell, HeaderCell, Table } from "@/components/ui/table";
import { OUTCOME_DAYS, type OutcomeDay } from "@/lib/iam/overview/invitation-outcomes";
import { cn } from "@/lib/utils";
import { LazyInvitationOutcomeChart } from "./invitation-outcome-chart-lazy";
import { formatDay, OUTCOME_SERIES } from "./outcome-series";

/** The last 30 days of invitations: totals in words, the chart, and its numbers as a table for whoever wants them. */
export function InvitationOutcomesSection({ days }: { days: OutcomeDay[] }) {
  const totals = Object.fromEntries(OUTCOME_SERIES.map(({ key }) => [key, days.reduce((sum, day) => sum + day[key], 0)]));
  const isEmpty = Object.values(totals).every((total) => total === 0);
  return (
    <section aria-labelledby="invitation-outcomes" className="space-y-4 rounded-xl border border-slate-200 bg-surface p-4 shadow-sm sm:p-6">
      <div className="space-y-1">
        <h2 id="invitation-outcomes" className="text-lg font-semibold text-slate-900">
          Invitations in the last {OUTCOME_DAYS} days
        </h2>
        <p className="text-sm text-slate-600">
          {isEmpty
            ? `No invitations in the last ${OUTCOME_DAYS} days.`
            : `${OUTCOME_SERIES.map(({ key, label }) => `${totals[key]} ${label.toLowerCase()}`).join(", ")}. Per day, in UTC.`}
        </p>
      </div>
      {!isEmpty && (
        <>
          <ul aria-hidden className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
            {OUTCOME_SERIES.map((series) => (
              <li key={series.key} className="flex items-center gap-2">
                <span className={cn("size-3 rounded-sm bg-current", series.colour)} />
                {series.label}
              </li>
            ))}
          </ul>
          <LazyInvitationOutcomeChart days={days} />
          <details>
            <summary className="cursor-pointer text-sm font-medium text-brand-700 underline-offset-4 hover:underline">Show as table</summary>
            <div className="mt-3">
              <Table caption={`Invitations per day, last ${OUTCOME_DAYS} days`}>
                <thead>
                  <tr>
                    <HeaderCell>Day</HeaderCell>
                    {OUTCOME_SERIES.map((series) => (
                      <HeaderCell key={series.key} className="text-right">
                        {series.label}
                      </HeaderCell>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {days.map((day) => (
                    <tr key={day.day}>
                      <th scope="row" className="cell whitespace-nowrap text-left font-medium">
                        {formatDay(day.day)}
                      </th>
                      {OUTCOME_SERIES.map((series) => (
                        <Cell key={series.key} className="text-right tabular-nums">
                          {day[series.key]}
                        </Cell>
                      ))}
                    </tr>
                  ))}
                </tbody>
                <tfoot className="border-t border-slate-200">
                  <tr>
                    <th scope="row" className="cell text-left font-semibold text-slate-900">
                      Total
                    </th>
                    {OUTCOME_SERIES.map((series) => (
                      <Cell key={series.key} className="text-right font-semibold tabular-nums text-slate-900">
                        {totals[series.key]}
                      </Cell>
                    ))}
                  </tr>
                </tfoot>
              </Table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}
