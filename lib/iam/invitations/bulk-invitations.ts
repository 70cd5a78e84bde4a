import "server-only";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/types";
import { dropUnsentEmails } from "@/lib/email/outbox";
import { wakeOutboxWorker } from "@/lib/email/outbox-worker";
import { assertCanSomewhere } from "@/lib/iam/authz/assert-can";
import { mayRead, readScope, type ReadScope } from "@/lib/iam/authz/read-scope";
import { auditAll, type AuditEntry } from "@/lib/iam/audit/write-audit";
import { resendEntry, revokeEntry } from "@/lib/iam/invitations/invitation-audit-entries";
import { Forbidden } from "@/lib/iam/errors";
import { parseInput } from "@/lib/iam/parse-input";
import {
  accessFromStored,
  assertMayGrant,
  describeAccess,
  invitationAccessInclude,
  mayManageInvitation,
  type InvitationWithAccess,
  type ResolvedAccess,
} from "@/lib/iam/invitations/invitation-access";
import { queueInvitationEmails, deliveryStatus, type Delivery } from "@/lib/iam/invitations/invitation-delivery";
import { invitationExpiry } from "@/lib/iam/invitations/invitation-links";
import { invitationSelectionSchema } from "@/lib/iam/invitations/invitation-schemas";
import { invitationStatus } from "@/lib/iam/invitations/invitation-status";
import { hashToken, newToken } from "@/lib/iam/invitations/invitation-tokens";

// Resend and Revoke for a selection of the Invitations tab (docs/rules.md § Invitations 16). Each row gets the rules
// of the single action (resendInvitation, revokeInvitation in create-invitation.ts): what would be refused there is a
// skipped row here, so one row the actor may not touch never blocks the others. Everything is one transaction.

export type BulkInvitationOutcome = "resent" | "revoked" | "skipped";

export interface BulkInvitationRow {
  id: string;
  /** null when the row is not one the actor may see: absent, another tenant's, or outside their read scope. */
  email: string | null;
  outcome: BulkInvitationOutcome;
  /** Why a row was skipped, as a sentence. */
  reason?: string;
  /** A resent invitation's new link, only when email is off: shown once, like a bulk invite's (§ Invitations 7). */
  link?: string;
}

/** A resend of 100 renders 100 emails inside the transaction; Prisma's default (5 s) leaves a busy server no room. */
const TRANSACTION_TIMEOUT_MS = 60_000;

type Action = "UPDATE" | "DELETE";
type Selected = { invitation: InvitationWithAccess; access: ResolvedAccess };
type Decision = { row: BulkInvitationRow } | { change: Selected };

/**
 * New links (the old ones say a newer one was sent) and new expiries for the selected invitations, each as
 * resendInvitation would; the emails go into the outbox in the same transaction.
 */
export async function resendInvitations(actor: TenantActor, invitationIds: unknown, origin: string): Promise<BulkInvitationRow[]> {
  const { scope, ids } = authorizeSelection(actor, invitationIds, "UPDATE");
  const rows = await db().$transaction(
    async (tx) => {
      const now = new Date();
      const decisions = await decide(tx, actor, scope, ids, "UPDATE", ({ invitation, access }) => {
        const status = invitationStatus(invitation, now);
        if (status === "ACCEPTED" || status === "REVOKED") return `No longer pending: it was ${status.toLowerCase()}. Invite them again instead.`;
        try {
          // Resending grants the access anew, so the resender must be allowed to grant it today.
          assertMayGrant(actor.principal, actor.tenantId, access);
        } catch (error) {
          if (error instanceof Forbidden) return error.message;
          throw error;
        }
        return null;
      });
      const changes = decisions.flatMap((decision) => ("change" in decision ? [decision.change] : []));
      const links = new Map((await resend(tx, actor, changes, origin)).map((link) => [link.invitationId, link]));
      return decisions.map((decision): BulkInvitationRow => {
        if ("row" in decision) return decision.row;
        const { invitation } = decision.change;
        const resent = links.get(invitation.id)!;
        return { id: invitation.id, email: invitation.email, outcome: "resent", ...(resent.delivery === "NOT_CONFIGURED" ? { link: resent.link } : {}) };
      });
    },
    { timeout: TRANSACTION_TIMEOUT_MS },
  );
  if (deliveryStatus() === "QUEUED" && rows.some((row) => row.outcome === "resent")) wakeOutboxWorker();
  return rows;
}

/** Revokes the selected invitations, each as revokeInvitation would: an accepted one is skipped, a revoked one left as it is. */
export async function revokeInvitations(actor: TenantActor, invitationIds: unknown): Promise<BulkInvitationRow[]> {
  const { scope, ids } = authorizeSelection(actor, invitationIds, "DELETE");
  return db().$transaction(
    async (tx) => {
      const decisions = await decide(tx, actor, scope, ids, "DELETE", ({ invitation }) => {
        if (invitation.acceptedAt) return "Already accepted: remove them from the tenant instead.";
        if (invitation.revokedAt) return "Already revoked.";
        return null;
      });
      const changes = decisions.flatMap((decision) => ("change" in decision ? [decision.change] : []));
      await revoke(tx, actor, changes);
      return decisions.map((decision): BulkInvitationRow =>
        "row" in decision ? decision.row : { id: decision.change.invitation.id, email: decision.change.invitation.email, outcome: "revoked" },
      );
    },
    { timeout: TRANSACTION_TIMEOUT_MS },
  );
}

/**
 * What holds for the whole request: the ids are well formed, and the actor may read invitations and hold the action
 * somewhere (a Viewer is refused outright rather than answered with a page of skipped rows).
 */
function authorizeSelection(actor: TenantActor, invitationIds: unknown, action: Action): { scope: ReadScope; ids: string[] } {
  const scope = readScope(actor.principal, "INVITATION", actor.tenantId);
  if (!scope) throw new Forbidden("You need the INVITATION:READ permission to see invitations.");
  assertCanSomewhere(actor, "INVITATION", action);
  return { scope, ids: parseInput(invitationSelectionSchema, invitationIds) };
}

/**
 * Locks the selected rows of this tenant (in id order, so two overlapping bulk actions cannot deadlock) and decides
 * each, in the order given: skipped with its reason, or to be changed. `refusal` adds the action's own rules to the
 * ones every row shares (the tenant, the read scope, INVITATION:action where it applies: § Delegation 8).
 */
async function decide(
  tx: Tx,
  actor: TenantActor,
  scope: ReadScope,
  ids: string[],
  action: Action,
  refusal: (selected: Selected) => string | null,
): Promise<Decision[]> {
  await tx.$queryRaw`SELECT id FROM invitations WHERE tenant_id = ${actor.tenantId} AND id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
  const found = await tx.invitation.findMany({ where: { tenantId: actor.tenantId, id: { in: ids } }, include: invitationAccessInclude });
  const byId = new Map(found.map((invitation) => [invitation.id, invitation]));
  return ids.map((id): Decision => {
    const invitation = byId.get(id);
    const skip = (email: string | null, reason: string): Decision => ({ row: { id, email, outcome: "skipped", reason } });
    // Another tenant's id reads exactly like one that never existed.
    if (!invitation) return skip(null, "That invitation no longer exists.");
    if (!mayRead(scope, invitation.namespaces)) return skip(null, "You need INVITATION:READ where this invitation grants access.");
    if (!mayManageInvitation(actor.principal, actor.tenantId, invitation.namespaces, action)) {
      return skip(invitation.email, `You need INVITATION:${action} where this invitation grants access.`);
    }
    const selected = { invitation, access: accessFromStored(invitation) };
    const reason = refusal(selected);
    return reason ? skip(invitation.email, reason) : { change: selected };
  });
}

/** resendInvitation's writes for each row, and its entry; the emails are queued (or the links returned) together. */
async function resend(tx: Tx, actor: TenantActor, changes: Selected[], origin: string) {
  if (!changes.length) return [];
  const expiresAt = invitationExpiry();
  const sentAt = new Date();
  const deliveries: Delivery[] = [];
  const entries: AuditEntry[] = [];
  for (const { invitation, access } of changes) {
    const token = newToken();
    await tx.invitation.update({
      where: { id: invitation.id },
      data: { tokenHash: hashToken(token), expiresAt, sentAt, deliveryStatus: deliveryStatus(), renewalRequestedAt: null },
    });
    await dropUnsentEmails(tx, invitation.id);
    deliveries.push({ invitationId: invitation.id, email: invitation.email, token, expiresAt, accessSummary: describeAccess(access) });
    entries.push(resendEntry(actor, invitation, expiresAt));
  }
  await tx.replacedInvitationToken.createMany({
    data: changes.map(({ invitation }) => ({ tokenHash: invitation.tokenHash, invitationId: invitation.id })),
    skipDuplicates: true,
  });
  await auditAll(tx, entries);
  return queueInvitationEmails(tx, actor, deliveries, origin);
}

/** revokeInvitation's write for every row at once, and an entry per row. */
async function revoke(tx: Tx, actor: TenantActor, changes: Selected[]) {
  if (!changes.length) return;
  const now = new Date();
  await tx.invitation.updateMany({ where: { id: { in: changes.map(({ invitation }) => invitation.id) } }, data: { revokedAt: now } });
  await auditAll(
    tx,
    changes.map(({ invitation, access }) => revokeEntry(actor, invitation, access, now)),
  );
}
