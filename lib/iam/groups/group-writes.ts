import "server-only";
import { cache } from "react";
import { db } from "@/lib/db/client";
import { escapeLike } from "@/lib/db/like";
import type { DbClient, Tx } from "@/lib/db/types";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type TenantActor } from "@/lib/auth/tenant-actor";
import { audit } from "@/lib/iam/audit/write-audit";
import { TENANT_WIDE } from "@/lib/iam/authz/concerns";
import { canSomewhere } from "@/lib/iam/authz/engine";
import { keysetPage, singleKeyCursor } from "@/lib/pagination/cursor";
import { Conflict, Forbidden, NotFound } from "@/lib/iam/errors";
import { lookAlikeNote, lookAlikeWhere, nameKeys } from "@/lib/iam/names/look-alikes";
import { parseInput } from "@/lib/iam/parse-input";
import { groupFormSchema, groupIdSchema, type GroupForm, type GroupListFilters } from "@/lib/iam/groups/group-schemas";
import { searchTerms, userSearchConditions } from "@/lib/iam/users/user-directory";

/** The tenant's groups by name, for pickers and filters (the Users tab's filter, the Invite dialog); cached per render. */
export const groupOptions = cache(
  async (tenantId: string): Promise<{ id: string; name: string }[]> =>
    db().group.findMany({ where: { tenantId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
);

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

function assertCanRead(actor: TenantActor) {
  if (!canSomewhere(actor.principal, "GROUP", "READ", actor.tenantId)) {
    throw new Forbidden("You need the GROUP:READ permission to see groups.");
  }
}

const bindingInclude = {
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
  assertCanRead(actor);
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
 * are paged separately (group-members.ts): a group may hold thousands.
 */
export async function getGroup(actor: TenantActor, groupId: string): Promise<GroupRow | null> {
  assertCanRead(actor);
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
  assertCanRead(actor);
  const tenantId = actor.tenantId;
  const [candidates, roles, namespaces] = await Promise.all([
    memberCandidates(tenantId, groupId, ""),
    db().role.findMany({ where: { tenantId }, orderBy: [{ isManaged: "desc" }, { name: "asc" }], select: { id: true, name: true } }),
    db().namespace.findMany({ where: { tenantId }, orderBy: { name: "asc" }, select: { name: true } }),
  ]);
  return {
    users: candidates.users,
    hasMoreUsers: candidates.hasMore,
    roles,
    namespaces: namespaces.map((namespace) => namespace.name),
  };
}

/** The "Add member" picker's search, for whoever may add members; another tenant's group is not found. */
export async function searchMemberCandidates(actor: TenantActor, groupId: string, query: string): Promise<MemberCandidates> {
  assertCanRead(actor);
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
    users: rows.slice(0, MEMBER_CANDIDATES_LIMIT).map((row) => {
      const name = `${row.first_name} ${row.last_name}`.trim();
      return { id: row.id, label: name ? `${name} (${row.email})` : row.email };
    }),
    hasMore: rows.length > MEMBER_CANDIDATES_LIMIT,
  };
}

export async function createGroup(actor: TenantActor, form: GroupForm): Promise<{ id: string }> {
  assertCan(actor, "GROUP", "CREATE");
  const input = parseInput(groupFormSchema, form);
  return withNameConflict(actor.tenantId, input.name, undefined, () =>
    db().$transaction(async (tx) => {
      await assertNameFree(tx, actor.tenantId, input.name);
      const group = await tx.group.create({
        data: { tenantId: actor.tenantId, name: input.name, ...nameKeys(input.name), description: input.description },
      });
      await audit(tx, {
        tenantId: actor.tenantId,
        actor,
        resourceType: "GROUP",
        resourceId: group.id,
        action: "CREATE",
        details: `Created group ${group.name}`,
        after: { name: group.name, description: group.description },
        namespaces: TENANT_WIDE,
      });
      return { id: group.id };
    }),
  );
}

/** Renames and/or re-describes a group; an unchanged form writes nothing. */
export async function updateGroup(actor: TenantActor, groupId: string, form: GroupForm): Promise<void> {
  assertCan(actor, "GROUP", "UPDATE");
  const input = parseInput(groupFormSchema, form);
  await withNameConflict(actor.tenantId, input.name, groupId, () =>
    db().$transaction(async (tx) => {
      const group = await findGroup(tx, actor.tenantId, groupId);
      if (group.name === input.name && group.description === input.description) return;
      const renamed = group.name !== input.name;
      if (renamed) await assertNameFree(tx, actor.tenantId, input.name, group.id);
      // Keys change with the name only: a description edit leaves an unkeyed older look-alike as it is.
      await tx.group.update({
        where: { id: group.id },
        data: { name: input.name, ...(renamed ? nameKeys(input.name) : {}), description: input.description },
      });
      await audit(tx, {
        tenantId: actor.tenantId,
        actor,
        resourceType: "GROUP",
        resourceId: group.id,
        action: "UPDATE",
        details: group.name === input.name ? `Updated the description of group ${group.name}` : `Renamed group ${group.name} to ${input.name}`,
        before: { name: group.name, description: group.description },
        after: { name: input.name, description: input.description },
        namespaces: TENANT_WIDE,
      });
    }),
  );
}

/**
 * Memberships, role bindings and pending-invitation links go with the group (foreign keys cascade); the audit
 * entry records what went, since those rows leave no record of their own.
 */
export async function deleteGroup(actor: TenantActor, groupId: string): Promise<{ members: number; bindings: number }> {
  assertCan(actor, "GROUP", "DELETE");
  return db().$transaction(async (tx) => {
    const group = await findGroup(tx, actor.tenantId, groupId);
    const members = await tx.groupMembership.findMany({
      where: { groupId: group.id },
      orderBy: { user: { email: "asc" } },
      select: { user: { select: { email: true } } },
    });
    const bindings = await tx.binding.findMany({ where: { groupId: group.id }, ...bindingInclude });
    const invitations = await tx.invitationGroup.count({
      where: { groupId: group.id, invitation: { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } } },
    });
    await tx.group.delete({ where: { id: group.id } });
    const invitationNote = invitations ? `; removed from ${plural(invitations, "pending invitation")}` : "";
    await audit(tx, {
      tenantId: actor.tenantId,
      actor,
      resourceType: "GROUP",
      resourceId: group.id,
      action: "DELETE",
      details: `Deleted group ${group.name} with ${plural(members.length, "member")} and ${plural(bindings.length, "role binding")}${invitationNote}`,
      before: {
        name: group.name,
        description: group.description,
        members: members.map((member) => member.user.email),
        bindings: bindings.map((binding) => ({ role: binding.role.name, namespace: binding.namespace })),
      },
      namespaces: TENANT_WIDE,
    });
    return { members: members.length, bindings: bindings.length };
  });
}

async function findGroup(tx: Tx, tenantId: string, groupId: string) {
  const group = groupIdSchema.safeParse(groupId).success ? await tx.group.findFirst({ where: { id: groupId, tenantId } }) : null;
  if (!group) throw new NotFound("That group no longer exists.");
  return group;
}

/**
 * Another group of the tenant whose name is this one in another case or looks like it (either look-alike key), so
 * that "Data team" and "data team", or "Main Admins" and "Ｍain Admins", cannot both exist and be confused in pickers.
 * The name itself is still compared for rows not keyed yet.
 */
async function lookAlikeGroup(client: DbClient, tenantId: string, name: string, exceptId?: string) {
  return client.group.findFirst({ where: lookAlikeWhere(tenantId, name, exceptId), select: { name: true } });
}

function nameTaken(existing: string, name: string): Conflict {
  return new Conflict(`A group named "${existing}" already exists${lookAlikeNote(existing, name)}.`);
}

async function assertNameFree(tx: Tx, tenantId: string, name: string, exceptId?: string) {
  const existing = await lookAlikeGroup(tx, tenantId, name, exceptId);
  if (existing) throw nameTaken(existing.name, name);
}

/**
 * Two concurrent creates (or renames) can both pass assertNameFree; a unique index then decides, and the loser is told
 * which group won, read after its own transaction has rolled back.
 */
async function withNameConflict<T>(tenantId: string, name: string, exceptId: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const winner = await lookAlikeGroup(db(), tenantId, name, exceptId);
      throw nameTaken(winner?.name ?? name, name);
    }
    throw error;
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
