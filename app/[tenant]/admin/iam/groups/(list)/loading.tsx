// In the (list) route group so that it doesn't wrap [groupId]: under a loading boundary the group page would
// stream, and a streamed response can no longer answer an unknown group id with a 404 status (see ../layout.tsx).

/** Placeholder rows while the groups load; announced once as busy rather than read out cell by cell. */
export default function GroupsLoading() {
  return (
    <div role="status" aria-busy="true" className="space-y-4">
      <span className="sr-only">Loading groups…</span>
      <div aria-hidden className="flex justify-end">
        <div className="h-9 w-32 animate-pulse rounded-md bg-slate-200" />
      </div>
      <div aria-hidden className="space-y-2 rounded-lg border border-slate-200 bg-surface p-4 shadow-sm">
        {Array.from({ length: 5 }, (_, row) => (
          <div key={row} className="h-6 animate-pulse rounded bg-slate-100" />
        ))}
      </div>
    </div>
  );
}
