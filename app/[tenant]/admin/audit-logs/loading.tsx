import { PageHeader } from "@/components/page-header";

export default function AuditLogsLoading() {
  return (
    <div className="space-y-6">
      <PageHeader title="Audit logs" description="Every change to identity and access in this tenant, newest first." />
      <div role="status" aria-live="polite" className="space-y-3 rounded-lg border border-slate-200 bg-surface p-4 shadow-sm">
        <span className="sr-only">Loading audit log entries…</span>
        {Array.from({ length: 8 }, (_, index) => (
          <div key={index} aria-hidden className="h-5 animate-pulse rounded bg-slate-100" />
        ))}
      </div>
    </div>
  );
}
