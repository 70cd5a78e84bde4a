import { escapeLike } from "@/lib/db/like";
import { Prisma } from "@/lib/generated/prisma/client";
import { can, canSomewhere, reachOf, type Principal } from "@/lib/iam/authz/engine";
import { namespaceCovers } from "@/lib/iam/namespaces/namespace-names";
import type { Permission } from "@/lib/iam/authz/permissions";

// Reads scoped like writes, for the rows that record what they concern (lib/iam/authz/concerns.ts): audit entries and
// invitations. One rule, in JavaScript for a single row and in SQL for a list, so a page and its row actions agree.

/**
 * What a reader may see: everything (tenant-wide READ, or a superadmin), or only the rows whose namespaces are not
 * empty and each covered by one of `within` (namespaceCovers: equal, or below it after a dot).
 */
export type ReadScope = { tenantWide: true } | { tenantWide: false; within: string[] };

/** null: the permission's READ is held nowhere in the tenant. */
export function readScope(principal: Principal, permission: Permission, tenantId: string): ReadScope | null {
  if (!canSomewhere(principal, permission, "READ", tenantId)) return null;
  if (can(principal, permission, "READ", { tenant: tenantId })) return { tenantWide: true };
  const granted = reachOf(principal, permission, "READ").filter((namespace): namespace is string => namespace !== null);
  return { tenantWide: false, within: outermost(granted) };
}

/** company and company.team → company: the same reach with fewer patterns for the query to try on each row. */
function outermost(names: string[]): string[] {
  const unique = [...new Set(names)].sort();
  return unique.filter((name) => !unique.some((other) => other !== name && namespaceCovers(other, name)));
}

export function mayRead(scope: ReadScope, concerns: readonly string[] | null | undefined): boolean {
  if (scope.tenantWide) return true;
  if (!concerns?.length) return false;
  return concerns.every((namespace) => scope.within.some((granted) => namespaceCovers(granted, namespace)));
}

/**
 * mayRead as a condition on a namespaces column, or null when the scope lets everything through (no condition, so
 * tenant-wide readers keep their plans). `cardinality(...) > 0` is the predicate of the partial indexes
 * audit_logs_namespaced_idx and invitations_namespaced_idx, which the planner can then use; a NULL column or element
 * counts as tenant-wide. A name is matched as itself and, with LIKE's wildcards escaped (`_` is valid in a
 * namespace), as the prefix of `name.` — never `namex`.
 */
export function readableCondition(scope: ReadScope, namespaces: Prisma.Sql): Prisma.Sql | null {
  if (scope.tenantWide) return null;
  const below = scope.within.map((name) => `${escapeLike(name)}.%`);
  return Prisma.sql`(cardinality(${namespaces}) > 0 AND NOT EXISTS (
    SELECT 1 FROM unnest(${namespaces}) AS concerned(name)
    WHERE (concerned.name = ANY(${scope.within}::text[]) OR concerned.name LIKE ANY(${below}::text[])) IS NOT TRUE))`;
}
