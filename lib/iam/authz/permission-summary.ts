import type { EffectiveRow } from "@/lib/iam/authz/effective-permissions";
import { ACTIONS, PERMISSIONS, type Action } from "@/lib/iam/authz/permissions";

// One scope of effective permissions as a sentence, for places too small for a matrix (the Invite dialog's preview):
// the permissions grouped by the actions they allow, in vocabulary order.

function actionWords(actions: Action[]): string {
  const words = actions.map((action) => action.toLowerCase());
  return words.length === 1 ? words[0] : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

/** "create and read EXECUTION, APPEXECUTION; read FLOW, NAMESPACE"; "everything" when every cell is granted. */
export function summarizeRows(rows: readonly EffectiveRow[]): string {
  const granted = rows.map((row) => ({ permission: row.permission, actions: ACTIONS.filter((action) => row.grantedBy[action].length > 0) }));
  if (granted.length === PERMISSIONS.length && granted.every((row) => row.actions.length === ACTIONS.length)) return "everything";
  const groups = new Map<string, { actions: Action[]; permissions: string[] }>();
  for (const { permission, actions } of granted) {
    if (!actions.length) continue;
    const key = actions.join(",");
    const group = groups.get(key) ?? { actions, permissions: [] };
    group.permissions.push(permission);
    groups.set(key, group);
  }
  return [...groups.values()].map((group) => `${actionWords(group.actions)} ${group.permissions.join(", ")}`).join("; ");
}
