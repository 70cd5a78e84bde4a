import "server-only";
import { signInLockState } from "@/lib/iam/users/sign-in-lock";
import { db } from "@/lib/db/client";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { assertCanSomewhere } from "@/lib/iam/authz/assert-can";
import { groupOptions, namespaceNames, roleOptions } from "@/lib/iam/picker-options";
import { bindingReadScope, mayReadBinding } from "@/lib/iam/users/binding-visibility";

/**
 * A member of the actor's tenant as their page shows them (no secrets: the columns are chosen, never the whole row),
 * or null when the user is not a member here (another tenant's user looks the same as an unknown id). Of their direct
 * bindings, only those the reader may see (docs/rules.md § Delegation 10); the rest of the page is tenant-wide.
 */
export async function getUserDetail(actor: TenantActor, userId: string) {
  assertCanSomewhere(actor, "USER", "READ");
  const tenantId = actor.tenantId;
  const access = await db().tenantAccess.findUnique({
    where: { tenantId_userId: { tenantId, userId } },
    select: {
      user: {
        select: {
          id: true,
          email: true,
          firstName: true,
          lastName: true,
          superAdmin: true,
          disabled: true,
          createdAt: true,
          lastLoginAt: true,
          memberships: { where: { group: { tenantId } }, select: { group: { select: { id: true, name: true } } }, orderBy: { group: { name: "asc" } } },
          bindings: {
            where: { tenantId },
            select: { id: true, namespace: true, role: { select: { id: true, name: true } } },
            orderBy: [{ role: { name: "asc" } }, { namespace: "asc" }],
          },
          _count: { select: { accesses: true } },
          // The factors' kind, name and dates only: never a secret or a public key.
          secondFactors: {
            where: { confirmedAt: { not: null } },
            select: { id: true, kind: true, name: true, createdAt: true, lastUsedAt: true },
            orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          },
        },
      },
    },
  });
  if (!access) return null;
  const scope = bindingReadScope(actor);
  const bindings = access.user.bindings.filter((binding) => mayReadBinding(scope, binding.namespace));
  return { ...access.user, bindings, signInLock: await signInLockState(db(), access.user.email) };
}

/** What the user page's pickers offer (Add to group, Add role): the tenant's groups, roles and namespaces. */
export async function userPageChoices(actor: TenantActor) {
  assertCanSomewhere(actor, "USER", "READ");
  const [groups, roles, namespaces] = await Promise.all([groupOptions(db(), actor.tenantId), roleOptions(db(), actor.tenantId), namespaceNames(db(), actor.tenantId)]);
  return { groups, roles: roles.map(({ id, name }) => ({ id, name })), namespaces };
}
