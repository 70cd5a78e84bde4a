import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { bindingConcerns } from "@/lib/iam/authz/concerns";
import { mayRead, readableCondition, readScope, type ReadScope } from "@/lib/iam/authz/read-scope";

// Which of a user's role bindings a reader of users may see (docs/rules.md § Delegation 10): the rule of scoped reads
// (§ Delegation 6) with the reader's USER:READ reach and what a binding concerns (its namespace, or the whole tenant),
// so a delegated admin learns nothing of the bindings outside their namespaces, direct or through a group.

/** The actor's USER:READ scope; nothing visible when they hold it nowhere (their read is refused before this). */
export function bindingReadScope(actor: TenantActor): ReadScope {
  return readScope(actor.principal, "USER", actor.tenantId) ?? { tenantWide: false, within: [] };
}

/** The namespaces a scoped reader's view of bindings is limited to; null when they see every binding. */
export function bindingsLimitedTo(scope: ReadScope): string[] | null {
  return scope.tenantWide ? null : scope.within;
}

export function mayReadBinding(scope: ReadScope, namespace: string | null): boolean {
  return mayRead(scope, bindingConcerns(namespace));
}

/** mayReadBinding in SQL on a binding's namespace column; null when everything is visible (no condition at all). */
export function readableBindingCondition(scope: ReadScope, namespace: Prisma.Sql): Prisma.Sql | null {
  return readableCondition(scope, Prisma.sql`ARRAY[${namespace}]::text[]`);
}
