import "server-only";
import { db } from "@/lib/db/client";
import { escapeLike } from "@/lib/db/like";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { assertCan } from "@/lib/iam/authz/assert-can";
import { canSomewhere } from "@/lib/iam/authz/engine";
import { NotFound, Forbidden } from "@/lib/iam/errors";
import { groupIdSchema, type GroupListFilters } from "@/lib/iam/groups/group-schemas";
import { namespaceNames, roleOptions } from "@/lib/iam/picker-options";
import { nameWithEmail } from "@/lib/iam/users/display-name";
import { searchTerms, userSearchConditions } from "@/lib/iam/users/user-directory";
import { keysetPage, singleKeyCursor } from "@/lib/pagination/cursor";

/** A role binding as the group pages show it; namespace null = tenant-wide. */
export interface GroupBindingRow {
  id: string;
  role: string;
  namespace: string | null;
}

export interface GroupRow {
  id: string;
  name: string;
  description: string;
  memberCount: number;
  bindings: GroupBindingRow[];
}

export const GROUPS_PAGE_SIZE = 50;

export interface GroupsPage {
  groups: GroupRow[];
  /** Cursors for the neighbouring pages; absent at either end. */
  nextCursor?: string;
  previousCursor?: string;
}

/**
 * How many users the "Add member" picker lists at a time: the first by email, or the matches of a search (a tenant
 * may have 100,000 users; the search reaches every one of them).
 */
export const MEMBER_CANDIDATES_LIMIT = 50;

export interface MemberCandidates {
  users: { id: string; label: string }[];
  /** More users match than are listed: search to narrow them down. */
  hasMore: boolean;
}

export function assertCanReadGroups(actor: TenantActor) {
  if (!canSomewhere(actor.principal, "GROUP", "READ", actor.tenantId)) {
    throw new Forbidden("You need the GROUP:READ permission to see groups.");
  }
}

export const bindingInclude = {
  include: { role: { select: { name: true } } },
  orderBy: [{ role: { name: "asc" } }, { namespace: "asc" }],
} satisfies Prisma.BindingFindManyArgs;

function toBindingRows(bindings: { id: string; namespace: string | null; role: { name: string } }[]): GroupBindingRow[] {
  return bindings.map((binding) => ({ id: binding.id, role: binding.role.name, namespace: binding.namespace }));
}

/**
 * One page of the tenant's groups by name (unique in a tenant, so it is the whole keyset), optionally searched: every
 * term must be in the name, case-insensitively. Member counts and bindings only for the page's groups. A tampered
 * cursor starts from the first page.
 */
export async function listGroups(actor: TenantActor, filters: Partial<GroupListFilters> = {}): Promise<GroupsPage> {
  assertCanReadGroups(actor);
  const { key: cursorName, isBackward } = singleKeyCursor(filters);
  const rows = await db().group.findMany({
    where: {
      tenantId: actor.tenantId,
      AND: searchTerms(filters.q).map((term) => ({ name: { contains: escapeLike(term), mode: "insensitive" as const } })),
      ...(cursorName ? { name: isBackward ? { lt: cursorName } : { gt: cursorName } } : {}),
    },
    // Walking backwards reads in the opposite direction; keysetPage restores the display order.
    orderBy: { name: isBackward ? "desc" : "asc" },
    take: GROUPS_PAGE_SIZE + 1,
    include: { _count: { select: { members: true } }, bindings: bindingInclude },
  });
  const { page, nextCursor, previousCursor } = keysetPage(rows, GROUPS_PAGE_SIZE, { isBackward, hasCursor: Boolean(cursorName) }, (group) => [group.name]);
  return {
    groups: page.map((group) => ({
      id: group.id,
      name: group.name,
      description: group.description,
      memberCount: group._count.members,
      bindings: toBindingRows(group.bindings),
    })),
    nextCursor,
    previousCursor,
  };
}

/**
 * The group, or null when the id is malformed, unknown, or belongs to another tenant (all look the same). Its members
 * are paged separately (list-group-members.ts): a group may hold thousands.
 */
export async function getGroup(actor: TenantActor, groupId: string): Promise<GroupRow | null> {
  assertCanReadGroups(actor);
  if (!groupIdSchema.safeParse(groupId).success) return null;
  const group = await db().group.findFirst({
    where: { id: groupId, tenantId: actor.tenantId },
    include: { _count: { select: { members: true } }, bindings: bindingInclude },
  });
  if (!group) return null;
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    memberCount: group._count.members,
    bindings: toBindingRows(group.bindings),
  };
}

/** What the group page's pickers offer: tenant users not yet in the group, the tenant's roles and namespaces. */
export async function groupChoices(actor: TenantActor, groupId: string) {
  assertCanReadGroups(actor);
  const tenantId = actor.tenantId;
  const [candidates, roles, namespaces] = await Promise.all([memberCandidates(tenantId, groupId, ""), roleOptions(db(), tenantId), namespaceNames(db(), tenantId)]);
  return {
    users: candidates.users,
    hasMoreUsers: candidates.hasMore,
    roles: roles.map(({ id, name }) => ({ id, name })),
    namespaces,
  };
}

/** The "Add member" picker's search, for whoever may add members; another tenant's group is not found. */
export async function searchMemberCandidates(actor: TenantActor, groupId: string, query: string): Promise<MemberCandidates> {
  assertCanReadGroups(actor);
  assertCan(actor, "GROUP_MEMBERSHIP", "CREATE");
  const group = await db().group.findFirst({ where: { id: groupId, tenantId: actor.tenantId }, select: { id: true } });
  if (!group) throw new NotFound("That group no longer exists.");
  return memberCandidates(actor.tenantId, groupId, query);
}

/**
 * Users of the tenant not in the group, by email, matching every term of the query (all of them when it is empty).
 * SQL for the search expression its trigram index serves (user-directory.ts), as the Users tab does.
 */
async function memberCandidates(tenantId: string, groupId: string, query: string): Promise<MemberCandidates> {
  const conditions = [
    Prisma.sql`EXISTS (SELECT 1 FROM tenant_access ta WHERE ta.tenant_id = ${tenantId} AND ta.user_id = u.id)`,
    Prisma.sql`NOT EXISTS (SELECT 1 FROM group_memberships gm WHERE gm.group_id = ${groupId}::uuid AND gm.user_id = u.id)`,
    ...userSearchConditions(searchTerms(query)),
  ];
  const rows = await db().$queryRaw<{ id: string; email: string; first_name: string; last_name: string }[]>`
    SELECT u.id, u.email, u.first_name, u.last_name FROM users u
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY u.email
    LIMIT ${MEMBER_CANDIDATES_LIMIT + 1}`;
  return {
    users: rows
      .slice(0, MEMBER_CANDIDATES_LIMIT)
      .map((row) => ({ id: row.id, label: nameWithEmail({ firstName: row.first_name, lastName: row.last_name, email: row.email }) })),
    hasMore: rows.length > MEMBER_CANDIDATES_LIMIT,
  };
}
