export default function AccountLoading() {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <span className="sr-only">Loading your account…</span>
      <div aria-hidden className="h-8 w-48 animate-pulse rounded bg-slate-200" />
      <div aria-hidden className="h-40 animate-pulse rounded-xl bg-slate-100" />
      <div aria-hidden className="h-40 animate-pulse rounded-xl bg-slate-100" />
    </div>
  );
}
