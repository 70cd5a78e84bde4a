/** Placeholder cards and chart while the overview loads; announced once as busy rather than read out piece by piece. */
export default function OverviewLoading() {
  return (
    <div role="status" aria-busy="true" className="space-y-6">
      <span className="sr-only">Loading overview…</span>
      <div aria-hidden className="grid grid-cols-1 gap-4 min-[420px]:grid-cols-2 lg:grid-cols-3">
        {Array.from({ length: 6 }, (_, card) => (
          <div key={card} className="h-24 animate-pulse rounded-lg border border-slate-200 bg-surface p-4 shadow-sm">
            <div className="h-8 w-12 rounded bg-slate-200" />
            <div className="mt-3 h-4 w-32 rounded bg-slate-100" />
          </div>
        ))}
      </div>
      <div aria-hidden className="h-80 animate-pulse rounded-xl border border-slate-200 bg-surface shadow-sm" />
    </div>
  );
}
