import "server-only";
import type { DbClient } from "@/lib/db/types";

// The tenant's groups, roles and namespaces as pickers and filters list them, in one order each wherever they appear.
// No authorization here: only domain reads that have authorized their actor call these (ESLint keeps app/ out).

/** Groups by name. */
export function groupOptions(client: DbClient, tenantId: string): Promise<{ id: string; name: string }[]> {
  return client.group.findMany({ where: { tenantId }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}

/** Roles, the managed ones first, then by name; with their permissions, for callers that filter what may be granted. */
export function roleOptions(client: DbClient, tenantId: string) {
  return client.role.findMany({
    where: { tenantId },
    orderBy: [{ isManaged: "desc" }, { name: "asc" }],
    select: { id: true, name: true, permissions: true },
  });
}

/** Namespace names, alphabetically (a parent before its children). */
export async function namespaceNames(client: DbClient, tenantId: string): Promise<string[]> {
  const rows = await client.namespace.findMany({ where: { tenantId }, orderBy: { name: "asc" }, select: { name: true } });
  return rows.map((row) => row.name);
}
