import type { FieldChange } from "@/lib/iam/audit-log-query";

/**
 * An audit entry's before/after as a disclosure: the summary names the changed fields, the details put old and
 * new values side by side. Native <details>, so it needs no script and works by keyboard.
 */
export function AuditChanges({ changes, resourceId }: { changes: FieldChange[]; resourceId: string }) {
  if (changes.length === 0) return <span className="text-slate-500">—</span>;
  const names = changes.map((change) => change.field);
  const summary = names.length > 3 ? `${names.slice(0, 3).join(", ")} +${names.length - 3}` : names.join(", ");
  return (
    <details className="min-w-72 max-w-xl">
      <summary className="cursor-pointer text-brand-700 hover:text-brand-800">
        {changes.length} {changes.length === 1 ? "field" : "fields"}: {summary}
      </summary>
      <div className="mt-2 space-y-2">
        <table className="w-full border border-slate-200 text-xs">
          <caption className="sr-only">Changes to resource {resourceId}</caption>
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th scope="col" className="px-2 py-1 text-left font-semibold">Field</th>
              <th scope="col" className="px-2 py-1 text-left font-semibold">Before</th>
              <th scope="col" className="px-2 py-1 text-left font-semibold">After</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {changes.map((change) => (
              <tr key={change.field}>
                <th scope="row" className="whitespace-nowrap px-2 py-1 text-left align-top font-medium text-slate-800">{change.field}</th>
                <td className="px-2 py-1 align-top"><Value value={change.before} tone="before" /></td>
                <td className="px-2 py-1 align-top"><Value value={change.after} tone="after" /></td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="text-xs text-slate-600">
          Resource ID: <code className="break-all">{resourceId}</code>
        </p>
      </div>
    </details>
  );
}

function Value({ value, tone }: { value: string | null; tone: "before" | "after" }) {
  if (value === null) return <span className="italic text-slate-500">(none)</span>;
  const colours = tone === "before" ? "bg-red-50 text-red-900" : "bg-emerald-50 text-emerald-900";
  return <code className={`whitespace-pre-wrap rounded [overflow-wrap:anywhere] px-1 font-mono ${colours}`}>{value}</code>;
}
