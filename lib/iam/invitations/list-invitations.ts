import "server-only";
import { displayName } from "@/lib/iam/users/display-name";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { db } from "@/lib/db/client";
import { escapeLike } from "@/lib/db/like";
import { sqlTimestamp as utc } from "@/lib/db/sql-timestamp";
import { Prisma, type DeliveryStatus } from "@/lib/generated/prisma/client";
import { accessFromStored, describeAccess, invitationAccessInclude, mayManageInvitation } from "@/lib/iam/invitations/invitation-access";
import { decodeCursor, encodeCursor } from "@/lib/pagination/cursor";
import { Forbidden } from "@/lib/iam/errors";
import { invitationStatus, type InvitationStatus } from "@/lib/iam/invitations/invitation-status";
import { readableCondition, readScope } from "@/lib/iam/authz/read-scope";
import { openRenewalRequest } from "@/lib/iam/invitations/renewal-requests";
import { EXPIRING_SOON_DAYS, type InvitationFilters, type InvitationStatusFilter } from "@/lib/iam/invitations/invitation-schemas";

export const INVITATIONS_PAGE_SIZE = 25;

export interface InvitationRow {
  id: string;
  email: string;
  access: string;
  inviter: string | null;
  status: InvitationStatus;
  delivery: DeliveryStatus;
  sentAt: Date;
  expiresAt: Date;
  /** What the actor may do with this row: only pending or expired invitations can be resent or revoked. */
  canResend: boolean;
  canRevoke: boolean;
  /** The invitation requires a second factor (docs/rules.md § Two-factor authentication 7); `awaitingMfa`: accepted
   *  by an account that has not set one up yet, so still pending. */
  requireMfa: boolean;
  awaitingMfa: boolean;
  /** When the invitee asked for a new link, while that request is open (docs/rules.md § Invitations 14). */
  renewalRequestedAt: Date | null;
}

export interface InvitationPage {
  invitations: InvitationRow[];
  /** Cursor of the next page; absent on the last one. */
  nextCursor?: string;
}

/**
 * The same rule as lib/iam/invitations/invitation-status.ts, as a condition on `invitations i`, so filtering and paging
 * happen in the database; the IAM overview counts with it, so its numbers are what the filtered tab lists.
 */
export function statusCondition(status: InvitationStatusFilter, now: Date): Prisma.Sql {
  const at = Prisma.sql`${utc(now)}::timestamp(3)`;
  switch (status) {
    case "PENDING":
      return Prisma.sql`i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > ${at}`;
    case "EXPIRING_SOON": {
      const soon = new Date(now.getTime() + EXPIRING_SOON_DAYS * 24 * 3_600_000);
      return Prisma.sql`${statusCondition("PENDING", now)} AND i.expires_at <= ${utc(soon)}::timestamp(3)`;
    }
    case "EXPIRED":
      return Prisma.sql`i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at <= ${at}`;
    case "ACCEPTED":
      return Prisma.sql`i.accepted_at IS NOT NULL`;
    case "REVOKED":
      return Prisma.sql`i.accepted_at IS NULL AND i.revoked_at IS NOT NULL`;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A cursor is [createdAt ISO, id]; anything else (tampered, truncated, from another list) means the first page. */
function cursorAfter(cursor: string | undefined): Prisma.Sql | undefined {
  const values = decodeCursor(cursor, 2);
  if (!values) return undefined;
  const [createdAtText, id] = values;
  if (!createdAtText || !id || !UUID.test(id)) return undefined;
  const createdAt = new Date(createdAtText);
  if (Number.isNaN(createdAt.getTime())) return undefined;
  return Prisma.sql`(i.created_at, i.id) < (${utc(createdAt)}::timestamp(3), ${id}::uuid)`;
}

const rowInclude = {
  invitedBy: { select: { email: true, firstName: true, lastName: true } },
  ...invitationAccessInclude,
} satisfies Prisma.InvitationInclude;

type StoredInvitation = Prisma.InvitationGetPayload<{ include: typeof rowInclude }>;

/**
 * One page of a tenant's invitations, newest first, keyset-paged on (created_at desc, id desc), which the
 * (tenant_id, created_at, id) index serves directly. Status, search and the reader's scope are conditions of the
 * query, never filters applied after it, so every page is full and the cursor stays exact. A reader with
 * INVITATION:READ on namespaces only sees the invitations confined to them (lib/iam/authz/read-scope.ts), walking
 * invitations_namespaced_idx. The page is chosen in SQL (Prisma cannot express the scope), then loaded with its
 * access by Prisma.
 */
export async function listInvitationPage(actor: TenantActor, filters: InvitationFilters, now = new Date()): Promise<InvitationPage> {
  const scope = readScope(actor.principal, "INVITATION", actor.tenantId);
  if (!scope) throw new Forbidden("You need the INVITATION:READ permission to see invitations.");
  const conditions: Prisma.Sql[] = [Prisma.sql`i.tenant_id = ${actor.tenantId}`];
  const readable = readableCondition(scope, Prisma.raw("i.namespaces"));
  if (readable) conditions.push(readable);
  if (filters.status) conditions.push(statusCondition(filters.status, now));
  if (filters.renewal) conditions.push(openRenewalRequest(now));
  // A prefix match (emails are stored lower-case), served by invitations_tenant_id_email_prefix_idx. Escaping keeps
  // % and _ literal (backslash is PostgreSQL's LIKE escape).
  if (filters.q) conditions.push(Prisma.sql`i.email LIKE ${`${escapeLike(filters.q.toLowerCase())}%`}`);
  const after = cursorAfter(filters.after);
  if (after) conditions.push(after);

  const chosen = await db().$queryRaw<{ id: string }[]>`
    SELECT i.id FROM invitations i
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY i.created_at DESC, i.id DESC
    LIMIT ${INVITATIONS_PAGE_SIZE + 1}`;
  const rows = chosen.length
    ? await db().invitation.findMany({
        where: { id: { in: chosen.map((row) => row.id) } },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        include: rowInclude,
      })
    : [];
  const page = rows.slice(0, INVITATIONS_PAGE_SIZE);
  const last = page.at(-1);
  return {
    invitations: page.map((invitation) => toRow(actor, invitation, now)),
    nextCursor: chosen.length > INVITATIONS_PAGE_SIZE && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : undefined,
  };
}

function toRow(actor: TenantActor, invitation: StoredInvitation, now: Date): InvitationRow {
  const access = accessFromStored(invitation);
  const status = invitationStatus(invitation, now);
  const isOpen = status === "PENDING" || status === "EXPIRED";
  const inviter = invitation.invitedBy;
  return {
    id: invitation.id,
    email: invitation.email,
    access: describeAccess(access),
    inviter: inviter ? displayName(inviter) : null,
    status,
    delivery: invitation.deliveryStatus,
    sentAt: invitation.sentAt,
    expiresAt: invitation.expiresAt,
    canResend: isOpen && mayManageInvitation(actor.principal, actor.tenantId, invitation.namespaces, "UPDATE"),
    canRevoke: isOpen && mayManageInvitation(actor.principal, actor.tenantId, invitation.namespaces, "DELETE"),
    requireMfa: invitation.requireMfa,
    awaitingMfa: status === "PENDING" && invitation.requireMfa && invitation.acceptedById !== null,
    renewalRequestedAt: status === "EXPIRED" ? invitation.renewalRequestedAt : null,
  };
}
