export default function LoadingUsers() {
  return (
    <div role="status" aria-live="polite" className="space-y-3">
      <span className="sr-only">Loading users…</span>
      {Array.from({ length: 6 }, (_, index) => (
        <div key={index} className="h-10 animate-pulse rounded-md bg-slate-200/70" />
      ))}
    </div>
  );
}
