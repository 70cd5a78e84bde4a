import { grantSourceLabel } from "@/lib/iam/authz/binding-labels";
import type { EffectiveScope } from "@/lib/iam/authz/effective-permissions";
import { ACTIONS } from "@/lib/iam/authz/permissions";

/**
 * One scope of a user's effective permissions: PERMISSION × ACTION, each granted cell naming the bindings that grant
 * it (a tooltip on screen, the same words for screen readers). Read-only, so plain marks instead of the role editor's
 * checkboxes (components/permission-matrix.tsx), and only the permissions granted here: a page may hold dozens of
 * these. `relative` keeps the screen-reader text inside the scrolling frame on a phone.
 */
export function EffectivePermissionMatrix({ caption, scope }: { caption: string; scope: EffectiveScope }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-surface shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 text-left">
              Permission
            </th>
            {ACTIONS.map((action) => (
              <th key={action} scope="col" className="px-3 py-2 text-center">
                {action}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {scope.rows.map((row) => (
            <tr key={row.permission}>
              <th scope="row" className="whitespace-nowrap px-3 py-1.5 text-left font-mono text-xs font-medium text-slate-800">
                {row.permission}
              </th>
              {ACTIONS.map((action) => {
                const sources = row.grantedBy[action];
                if (!sources.length) {
                  return (
                    <td key={action} className="px-3 py-1.5 text-center text-slate-500">
                      <span aria-hidden>–</span>
                      <span className="sr-only">Not granted</span>
                    </td>
                  );
                }
                const grantedBy = `Granted by ${sources.map(grantSourceLabel).join("; ")}`;
                return (
                  <td key={action} title={grantedBy} className="cursor-help px-3 py-1.5 text-center font-semibold text-brand-700">
                    <span aria-hidden>✓</span>
                    <span className="sr-only">{grantedBy}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
