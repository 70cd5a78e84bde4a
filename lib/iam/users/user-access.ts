import "server-only";
import { db } from "@/lib/db/client";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { assertCanSomewhere } from "@/lib/iam/authz/assert-can";
import { effectivePermissions, type EffectiveScope, type HeldBinding } from "@/lib/iam/authz/effective-permissions";
import type { PermissionSet } from "@/lib/iam/authz/permissions";
import { bindingReadScope, bindingsLimitedTo, mayReadBinding } from "@/lib/iam/users/binding-visibility";

/** What a member of the tenant holds there, as the reader may see it (docs/rules.md § Delegation 10). */
export interface UserAccess {
  /** Every role they hold: direct ones first, then through groups by group name; each by role name, tenant-wide first. */
  bindings: HeldBinding[];
  /** "What can this person do?": the matrix of each scope they are bound on, from these bindings. */
  effective: EffectiveScope[];
  /** Set when the reader sees only the bindings within these namespaces; null: every binding. */
  limitedTo: string[] | null;
}

const bindingSelect = { id: true, namespace: true, role: { select: { name: true, permissions: true } } } as const;

/**
 * A user's bindings in the actor's tenant, direct and through the tenant's groups, with what each grants; null when
 * the user is not a member here (as getUserDetail). One query; the reader's scope is applied to each binding in
 * JavaScript by the same rule the Users tab applies in SQL.
 */
export async function getUserAccess(actor: TenantActor, userId: string): Promise<UserAccess | null> {
  assertCanSomewhere(actor, "USER", "READ");
  const held = await heldBindings(actor.tenantId, userId);
  if (!held) return null;
  const scope = bindingReadScope(actor);
  const bindings = held.filter((binding) => mayReadBinding(scope, binding.namespace));
  return { bindings, effective: effectivePermissions(bindings), limitedTo: bindingsLimitedTo(scope) };
}

/**
 * The actor's own access in the tenant (the tenant's home page welcomes them with it): needs no permission, since
 * it is what every one of their own requests is already authorized by; null for a superadmin without membership.
 */
export async function getOwnAccess(actor: TenantActor): Promise<UserAccess | null> {
  const bindings = await heldBindings(actor.tenantId, actor.id);
  return bindings && { bindings, effective: effectivePermissions(bindings), limitedTo: null };
}

type BindingRow = { id: string; namespace: string | null; role: { name: string; permissions: unknown } };

/** Every binding the user holds in the tenant, direct and through its groups, in listing order; null: not a member. */
async function heldBindings(tenantId: string, userId: string): Promise<HeldBinding[] | null> {
  const access = await db().tenantAccess.findUnique({
    where: { tenantId_userId: { tenantId, userId } },
    select: {
      user: {
        select: {
          bindings: { where: { tenantId }, select: bindingSelect },
          memberships: {
            where: { group: { tenantId } },
            select: { group: { select: { id: true, name: true, bindings: { where: { tenantId }, select: bindingSelect } } } },
          },
        },
      },
    },
  });
  if (!access) return null;
  const held = (binding: BindingRow, via: HeldBinding["via"]): HeldBinding => ({
    id: binding.id,
    role: binding.role.name,
    namespace: binding.namespace,
    via,
    permissions: binding.role.permissions as PermissionSet,
  });
  return [
    ...access.user.bindings.map((binding) => held(binding, null)),
    ...access.user.memberships.flatMap(({ group }) => group.bindings.map((binding) => held(binding, { id: group.id, name: group.name }))),
  ].sort(byHolding);
}

const text = (value: string | null | undefined) => value ?? "";

/** Direct first, then by group, role and namespace (tenant-wide first), as the Users tab lists them. */
function byHolding(a: HeldBinding, b: HeldBinding): number {
  if (!a.via !== !b.via) return a.via ? 1 : -1;
  return (
    text(a.via?.name).localeCompare(text(b.via?.name)) ||
    a.role.localeCompare(b.role) ||
    (a.namespace === b.namespace ? 0 : a.namespace === null ? -1 : b.namespace === null ? 1 : a.namespace.localeCompare(b.namespace)) ||
    a.id.localeCompare(b.id)
  );
}
