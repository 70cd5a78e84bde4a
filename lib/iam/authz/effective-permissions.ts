import type { HeldRole } from "@/lib/iam/authz/binding-labels";
import { can, type Principal } from "@/lib/iam/authz/engine";
import { ACTIONS, PERMISSIONS, type Action, type Permission, type PermissionSet } from "@/lib/iam/authz/permissions";
import { namespaceCovers } from "@/lib/iam/namespaces/namespace-names";

// "What can this person do?": a user's bindings as one PERMISSION × ACTION matrix per namespace they are bound on (and
// tenant-wide), each granted cell with the bindings that grant it. Pure, so the user page and the Invite dialog's
// preview compute it alike and the rules are tested without a database. The decisions are the engine's: which cells a
// binding grants is `can`, where it applies is `namespaceCovers`, the covering rule `can` itself uses.

/** One binding as it applies to the user, with what it grants. */
export interface HeldBinding extends HeldRole {
  /** Unique among the bindings computed together: the binding's id, or one the caller makes (the invite preview). */
  id: string;
  permissions: PermissionSet;
}

export interface EffectiveRow {
  permission: Permission;
  /** Per action, the bindings that grant it here, in the order given; empty when nothing does. */
  grantedBy: Record<Action, HeldBinding[]>;
}

export interface EffectiveScope {
  /** null: tenant-wide. */
  namespace: string | null;
  /** The permissions with at least one action granted here, in vocabulary order. */
  rows: EffectiveRow[];
  /** The bindings that grant anything here, in the order given. */
  sources: HeldBinding[];
}

// `can` answers for one tenant; these bindings are all of one tenant by construction, so any fixed id does.
const TENANT = "effective-permissions";

/** The cells one binding grants where it is bound; names the vocabulary does not know (stored JSON) grant nothing. */
function cellsOf(binding: HeldBinding): [Permission, Action][] {
  const alone: Principal = { id: binding.id, isSuperAdmin: false, isDisabled: false, tenantId: TENANT, grants: [binding] };
  const scope = { tenant: TENANT, namespace: binding.namespace };
  return PERMISSIONS.flatMap((permission) =>
    ACTIONS.filter((action) => can(alone, permission, action, scope)).map((action): [Permission, Action] => [permission, action]),
  );
}

const emptyRow = (): Record<Action, HeldBinding[]> => ({ CREATE: [], READ: [], UPDATE: [], DELETE: [] });

/** Tenant-wide first, then namespaces by name (a parent before its children). */
function byScope(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/**
 * One scope per distinct namespace of the bindings (and tenant-wide if one is), each cell listing every binding that
 * covers the scope and grants it: a tenant-wide Viewer shows in every namespace's FLOW READ. Each binding's cells are
 * decided once, so the work is bindings × cells plus bindings × scopes, plus the answer itself. Superadmin and
 * disabled are the caller's to say: they override every cell.
 */
export function effectivePermissions(bindings: readonly HeldBinding[]): EffectiveScope[] {
  const cells = bindings.map(cellsOf);
  const namespaces = [...new Set(bindings.map((binding) => binding.namespace))].sort(byScope);
  return namespaces
    .map((namespace): EffectiveScope => {
      const granted = new Map<Permission, Record<Action, HeldBinding[]>>();
      const sources: HeldBinding[] = [];
      bindings.forEach((binding, index) => {
        if (!namespaceCovers(binding.namespace, namespace) || !cells[index].length) return;
        sources.push(binding);
        for (const [permission, action] of cells[index]) {
          let row = granted.get(permission);
          if (!row) granted.set(permission, (row = emptyRow()));
          row[action].push(binding);
        }
      });
      const rows = PERMISSIONS.filter((permission) => granted.has(permission)).map((permission) => ({ permission, grantedBy: granted.get(permission)! }));
      return { namespace, rows, sources };
    })
    .filter((scope) => scope.rows.length > 0);
}

