"use client";

import { Check, Minus } from "lucide-react";
import { ACTIONS, PERMISSIONS, type Action, type Permission, type PermissionSet } from "@/lib/iam/authz/permissions";

interface PermissionMatrixProps {
  /** The table's accessible name. */
  caption: string;
  value: PermissionSet;
  /** Omitted: read-only (check marks on screen; disabled checkboxes that still announce their state to assistive tech). */
  onChange?: (value: PermissionSet) => void;
  /** Cells outside this set can't be ticked (the editor may only grant what they hold); omitted: all. */
  grantable?: PermissionSet;
  describedBy?: string;
}

/**
 * Every PERMISSION × ACTION as a table of native checkboxes named "FLOW CREATE" etc., with a per-row
 * "FLOW all" toggle. Native controls in real table cells keep it one Tab stop per box and fully announced.
 */
export function PermissionMatrix({ caption, value, onChange, grantable, describedBy }: PermissionMatrixProps) {
  const isReadOnly = !onChange;
  const has = (permission: Permission, action: Action) => (value[permission] ?? []).includes(action);
  const mayGrant = (permission: Permission, action: Action) =>
    !grantable || (grantable[permission] ?? []).includes(action) || has(permission, action);

  const setRow = (permission: Permission, actions: Action[]) => {
    const next: PermissionSet = { ...value };
    const ordered = ACTIONS.filter((action) => actions.includes(action));
    if (ordered.length) next[permission] = ordered;
    else delete next[permission];
    onChange?.(next);
  };
  const toggle = (permission: Permission, action: Action, checked: boolean) => {
    const current = value[permission] ?? [];
    setRow(permission, checked ? [...current, action] : current.filter((held) => held !== action));
  };
  const toggleRow = (permission: Permission, checked: boolean) =>
    setRow(permission, checked ? ACTIONS.filter((action) => mayGrant(permission, action)) : []);

  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-surface">
      <table className="min-w-full divide-y divide-slate-200 text-sm" aria-describedby={describedBy}>
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
            {!isReadOnly && (
              <th scope="col" className="px-3 py-2 text-center">
                All
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {PERMISSIONS.map((permission) => {
            const count = ACTIONS.filter((action) => has(permission, action)).length;
            const rowAllowed = ACTIONS.some((action) => mayGrant(permission, action));
            return (
              <tr key={permission} className="hover:bg-slate-50">
                <th scope="row" className="whitespace-nowrap px-3 py-1.5 text-left font-mono text-xs font-medium text-slate-800">
                  {permission}
                </th>
                {ACTIONS.map((action) => (
                  <td key={action} className="px-3 py-1.5 text-center">
                    {isReadOnly ? (
                      <>
                        {/* Disabled boxes are hard to read, so sighted users get a mark and assistive tech the box. */}
                        <input type="checkbox" aria-label={`${permission} ${action}`} className="sr-only" checked={has(permission, action)} disabled readOnly />
                        {has(permission, action) ? (
                          <Check aria-hidden className="mx-auto size-4 text-brand-700" />
                        ) : (
                          <Minus aria-hidden className="mx-auto size-4 text-slate-300" />
                        )}
                      </>
                    ) : (
                      <input
                        type="checkbox"
                        aria-label={`${permission} ${action}`}
                        className="size-4 accent-brand-600"
                        checked={has(permission, action)}
                        disabled={!mayGrant(permission, action)}
                        onChange={(event) => toggle(permission, action, event.target.checked)}
                      />
                    )}
                  </td>
                ))}
                {!isReadOnly && (
                  <td className="px-3 py-1.5 text-center">
                    <input
                      type="checkbox"
                      aria-label={`${permission} all`}
                      className="size-4 accent-brand-600"
                      checked={count === ACTIONS.length}
                      disabled={!rowAllowed}
                      ref={(input) => {
                        if (input) input.indeterminate = count > 0 && count < ACTIONS.length;
                      }}
                      onChange={(event) => toggleRow(permission, event.target.checked)}
                    />
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
