import "server-only";
import { fullName } from "@/lib/iam/users/display-name";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { canSomewhere } from "@/lib/iam/authz/engine";
import { keysetPage, singleKeyCursor } from "@/lib/pagination/cursor";
import { Forbidden } from "@/lib/iam/errors";
import type { GroupMemberFilters } from "@/lib/iam/groups/group-schemas";
import { searchTerms, userSearchConditions } from "@/lib/iam/users/user-directory";

export const GROUP_MEMBERS_PAGE_SIZE = 25;

export interface GroupMember {
  id: string;
  email: string;
  name: string;
  addedAt: Date;
}

export interface GroupMembersPage {
  members: GroupMember[];
  /** Cursors for the neighbouring pages; absent at either end. */
  nextCursor?: string;
  previousCursor?: string;
}

/**
 * One page of a group's members by email, optionally searched (every term must match the email, first or last name),
 * with keyset cursors so that a group of 50,000 costs no more per page than one of 5. Another tenant's group has no
 * members here. A tampered cursor starts from the first page.
 */
export async function listGroupMembers(actor: TenantActor, groupId: string, filters: Partial<GroupMemberFilters>): Promise<GroupMembersPage> {
  if (!canSomewhere(actor.principal, "GROUP", "READ", actor.tenantId)) {
    throw new Forbidden("You need the GROUP:READ permission to see groups.");
  }
  const { key: cursorEmail, isBackward } = singleKeyCursor(filters);
  const conditions = [
    Prisma.sql`gm.group_id = ${groupId}::uuid`,
    Prisma.sql`EXISTS (SELECT 1 FROM groups g WHERE g.id = gm.group_id AND g.tenant_id = ${actor.tenantId})`,
    ...userSearchConditions(searchTerms(filters.q)),
  ];
  if (cursorEmail) conditions.push(isBackward ? Prisma.sql`u.email < ${cursorEmail}` : Prisma.sql`u.email > ${cursorEmail}`);
  // Walking backwards reads in the opposite direction, then restores the display order.
  const direction = Prisma.raw(isBackward ? "DESC" : "ASC");
  const rows = await db().$queryRaw<{ id: string; email: string; first_name: string; last_name: string; added_at: Date }[]>`
    SELECT u.id, u.email, u.first_name, u.last_name, gm.created_at AS added_at
    FROM group_memberships gm JOIN users u ON u.id = gm.user_id
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY u.email ${direction}
    LIMIT ${GROUP_MEMBERS_PAGE_SIZE + 1}`;

  const { page, nextCursor, previousCursor } = keysetPage(rows, GROUP_MEMBERS_PAGE_SIZE, { isBackward, hasCursor: Boolean(cursorEmail) }, (row) => [row.email]);
  return {
    members: page.map((row) => ({ id: row.id, email: row.email, name: fullName({ firstName: row.first_name, lastName: row.last_name }), addedAt: row.added_at })),
    nextCursor,
    previousCursor,
  };
}
