import { plural } from "@/lib/format";
import type { FieldChange } from "@/lib/iam/audit/query-audit-logs";

/**
 * An audit entry's before/after as a disclosure: the summary names the changed fields, the details put old and
 * new values side by side. Native <details>, so it needs no script and works by keyboard. The resource id is on the
 * entry's own line (app/[tenant]/admin/audit-logs/page.tsx); here it only names the table.
 */
export function AuditChanges({ changes, resourceId }: { changes: FieldChange[]; resourceId: string }) {
  if (changes.length === 0) return <span className="text-slate-500">—</span>;
  const names = changes.map((change) => change.field);
  const summary = names.length > 3 ? `${names.slice(0, 3).join(", ")} +${names.length - 3}` : names.join(", ");
  return (
    // Wide only when open: closed, the column stays as narrow as its summary, which matters on a phone.
    <details className="max-w-xl open:min-w-72">
      <summary className="cursor-pointer text-brand-700 hover:text-brand-800">
        {plural(changes.length, "field")}: {summary}
      </summary>
      <div className="mt-2">
        {/* Styled by .changes (app/globals.css): utility classes here would repeat on all 50 entries of a page. */}
        <table className="changes">
          <caption className="sr-only">Changes to resource {resourceId}</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((change) => (
              <tr key={change.field}>
                <th scope="row">{change.field}</th>
                <td><Value value={change.before} tone="before" /></td>
                <td><Value value={change.after} tone="after" /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function Value({ value, tone }: { value: string | null; tone: "before" | "after" }) {
  if (value === null) return <span className="italic text-slate-500">(none)</span>;
  return <code className={`change-value change-${tone}`}>{value}</code>;
}
