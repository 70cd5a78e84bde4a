import "server-only";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { assertCan } from "@/lib/iam/authz/assert-can";
import { audit } from "@/lib/iam/audit/write-audit";
import { namespaceConcerns } from "@/lib/iam/authz/concerns";
import { namespaceCovers } from "@/lib/iam/namespaces/namespace-names";
import { reachOf } from "@/lib/iam/authz/engine";
import { Conflict, Invalid, NotFound } from "@/lib/iam/errors";
import { addNamespaceSchema, deleteNamespaceSchema, type AddNamespaceInput } from "@/lib/iam/namespaces/namespace-schemas";

// The tenant's registry of namespaces: the names bindings and invitations may be restricted to.
//
// Parents are optional: a binding on `company` covers `company.team` whether or not `company` is registered
// (lib/iam/namespaces/namespace-names.ts), so the registry doesn't insist on them. The form offers, checked by default, to
// register the missing ancestors too (adding a.b.c adds a and a.b), because pickers list registered names only
// and an admin who adds a.b.c usually wants to be able to bind on a.b as well.

export interface NamespaceRow {
  name: string;
  bindingCount: number;
}

/** Namespaces the actor can read, sorted by name: everything when they read tenant-wide, else what their grants cover. */
export async function listNamespaces(actor: TenantActor): Promise<NamespaceRow[]> {
  const [namespaces, counts] = await Promise.all([
    db().namespace.findMany({ where: { tenantId: actor.tenantId }, orderBy: { name: "asc" }, select: { name: true } }),
    db().binding.groupBy({ by: ["namespace"], where: { tenantId: actor.tenantId, namespace: { not: null } }, _count: { _all: true } }),
  ]);
  const reach = reachOf(actor.principal, "NAMESPACE", "READ");
  const bindingCounts = new Map(counts.map((count) => [count.namespace, count._count._all]));
  return namespaces
    .filter((namespace) => reach.some((granted) => namespaceCovers(granted, namespace.name)))
    .map((namespace) => ({ name: namespace.name, bindingCount: bindingCounts.get(namespace.name) ?? 0 }));
}

/** Ancestors of a dotted name, outermost first: a.b.c → [a, a.b]. */
export function parentsOf(name: string): string[] {
  const segments = name.split(".");
  return segments.slice(1).map((_, index) => segments.slice(0, index + 1).join("."));
}

export async function addNamespace(actor: TenantActor, input: AddNamespaceInput): Promise<{ created: string[] }> {
  assertCan(actor, "NAMESPACE", "CREATE");
  const parsed = addNamespaceSchema.safeParse(input);
  if (!parsed.success) throw new Invalid("Check the highlighted fields.", { name: parsed.error.issues.map((issue) => issue.message) });
  const { name, createParents } = parsed.data;
  const tenantId = actor.tenantId;
  try {
    return await db().$transaction(async (tx) => {
      const wanted = createParents ? [...parentsOf(name), name] : [name];
      const existing = new Set(
        (await tx.namespace.findMany({ where: { tenantId, name: { in: wanted } }, select: { name: true } })).map((row) => row.name),
      );
      if (existing.has(name)) throw new Conflict(`The namespace ${name} already exists.`);
      const created = wanted.filter((candidate) => !existing.has(candidate));
      for (const candidate of created) {
        await tx.namespace.create({ data: { tenantId, name: candidate } });
        await audit(tx, {
          tenantId,
          actor,
          resourceType: "NAMESPACE",
          resourceId: candidate,
          action: "CREATE",
          details: candidate === name ? `Added namespace ${candidate}` : `Added namespace ${candidate} (parent of ${name})`,
          after: { name: candidate },
          namespaces: namespaceConcerns(candidate),
        });
      }
      return { created };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict(`The namespace ${name} (or one of its parents) was added by someone else just now. Reload and try again.`);
    throw error;
  }
}

/** Refused while bindings or open invitations use the name; children are independent and stay. */
export async function deleteNamespace(actor: TenantActor, name: string): Promise<void> {
  assertCan(actor, "NAMESPACE", "DELETE");
  const parsed = deleteNamespaceSchema.safeParse(name);
  if (!parsed.success) throw new NotFound("That namespace doesn't exist.");
  const tenantId = actor.tenantId;
  await db().$transaction(async (tx) => {
    // FOR UPDATE before counting: a binding or invitation being added on it (assertNamespacesRegistered holds the row
    // FOR SHARE) commits first and is counted, or waits and then finds the namespace gone.
    const [namespace] = await tx.$queryRaw<{ name: string }[]>`
      SELECT name FROM namespaces WHERE tenant_id = ${tenantId} AND name = ${parsed.data} FOR UPDATE`;
    if (!namespace) throw new NotFound("That namespace no longer exists.");
    const [bindings, invitations] = await Promise.all([
      tx.binding.count({ where: { tenantId, namespace: namespace.name } }),
      tx.invitationRole.count({
        where: { namespaces: { has: namespace.name }, invitation: { tenantId, acceptedAt: null, revokedAt: null } },
      }),
    ]);
    if (bindings || invitations) {
      const uses = [bindings && `${bindings} binding(s)`, invitations && `${invitations} open invitation(s)`].filter(Boolean).join(" and ");
      throw new Conflict(`${namespace.name} is used by ${uses}, so it can't be deleted. Remove those first.`);
    }
    await tx.namespace.delete({ where: { tenantId_name: { tenantId, name: namespace.name } } });
    await audit(tx, {
      tenantId,
      actor,
      resourceType: "NAMESPACE",
      resourceId: namespace.name,
      action: "DELETE",
      details: `Deleted namespace ${namespace.name}`,
      before: { name: namespace.name },
      namespaces: namespaceConcerns(namespace.name),
    });
  });
}
