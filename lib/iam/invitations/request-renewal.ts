import "server-only";
import { db } from "@/lib/db/client";
import { sqlTimestamp } from "@/lib/db/sql-timestamp";
import { renewalRequestMessage } from "@/lib/email/renewal-request-message";
import { enqueueEmails } from "@/lib/email/outbox";
import { wakeOutboxWorker } from "@/lib/email/outbox-worker";
import { isEmailConfigured } from "@/lib/email/resend";
import { formatDateTime } from "@/lib/format";
import { audit } from "@/lib/iam/audit/write-audit";
import { accessOfInvitation, describeAccess } from "@/lib/iam/invitations/invitation-access";
import { renewalRequestsLink } from "@/lib/iam/invitations/invitation-links";
import { hashToken, isWellFormedToken } from "@/lib/iam/invitations/invitation-tokens";
import { renewalRecipients } from "@/lib/iam/invitations/renewal-recipients";
import { displayName } from "@/lib/iam/users/display-name";

/** One request per invitation within this time; a repeat changes nothing and emails nobody. */
export const RENEWAL_REQUEST_INTERVAL_MS = 24 * 60 * 60_000;

/** For tests: the caller shows the same answer whatever happened. `notified`: the addresses emailed. */
export type RenewalRequestOutcome = { outcome: "requested"; notified: string[] } | { outcome: "nothing" };

/**
 * "Ask for a new link" on an expired invitation's page (docs/rules.md § Invitations 14). The token is the only
 * credential, so nobody is signed in: the request is recorded on the invitation, audited with no actor, and emailed
 * (through the outbox, in the same transaction) to whoever may resend it (renewalRecipients). Only an expired
 * invitation qualifies, at most once per RENEWAL_REQUEST_INTERVAL_MS, and not while a newer pending invitation to the
 * same address exists; anything else (unknown, replaced, pending, accepted, revoked) does nothing.
 */
export async function requestInvitationRenewal(token: unknown, origin: string, now = new Date()): Promise<RenewalRequestOutcome> {
  if (typeof token !== "string" || !isWellFormedToken(token)) return { outcome: "nothing" };
  const at = sqlTimestamp(now);
  const since = sqlTimestamp(new Date(now.getTime() - RENEWAL_REQUEST_INTERVAL_MS));
  const outcome = await db().$transaction(async (tx): Promise<RenewalRequestOutcome> => {
    // One conditional update decides, so of two simultaneous requests exactly one is recorded and emailed.
    const [claimed] = await tx.$queryRaw<{ id: string }[]>`
      UPDATE invitations i SET renewal_requested_at = ${at}::timestamp(3)
      WHERE i.token_hash = ${hashToken(token)} AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at <= ${at}::timestamp(3)
        AND (i.renewal_requested_at IS NULL OR i.renewal_requested_at <= ${since}::timestamp(3))
        AND NOT EXISTS (
          SELECT 1 FROM invitations newer
          WHERE newer.tenant_id = i.tenant_id AND newer.email = i.email
            AND newer.accepted_at IS NULL AND newer.revoked_at IS NULL AND newer.expires_at > ${at}::timestamp(3))
      RETURNING i.id`;
    if (!claimed) return { outcome: "nothing" };
    const invitation = await tx.invitation.findUniqueOrThrow({
      where: { id: claimed.id },
      include: { tenant: { select: { name: true } }, invitedBy: { select: { email: true, firstName: true, lastName: true } } },
    });
    const access = await accessOfInvitation(tx, invitation.id);
    const recipients = await renewalRecipients(tx, invitation, access);
    const notified = isEmailConfigured() ? recipients : [];
    if (notified.length) {
      const context = {
        requestedBy: invitation.email,
        tenantName: invitation.tenant.name,
        accessSummary: describeAccess(access),
        expiredAt: formatDateTime(invitation.expiresAt),
        invitedBy: invitation.invitedBy ? displayName(invitation.invitedBy) : null,
        invitationsUrl: renewalRequestsLink(invitation.tenantId, origin),
      };
      const emails = await Promise.all(
        // Tied to no invitation: the outbox would cancel an email of an expired one, which this always is.
        notified.map(async (recipient) => ({ to: recipient.email, ...(await renewalRequestMessage({ ...context, isInviter: recipient.isInviter })) })),
      );
      await enqueueEmails(tx, emails);
    }
    await audit(tx, {
      tenantId: invitation.tenantId,
      actor: null,
      resourceType: "INVITATION",
      resourceId: invitation.id,
      action: "UPDATE",
      details: `Renewal requested: ${invitation.email} asked for a new link to their expired invitation; ${toldWhom(recipients, notified)}`,
      after: { renewalRequestedAt: now.toISOString(), notified: notified.map((recipient) => recipient.email) },
      namespaces: invitation.namespaces,
    });
    return { outcome: "requested", notified: notified.map((recipient) => recipient.email) };
  });
  if (outcome.outcome === "requested" && outcome.notified.length) wakeOutboxWorker();
  return outcome;
}

function toldWhom(recipients: { email: string }[], notified: { email: string }[]): string {
  if (notified.length) return `emailed ${notified.map((recipient) => recipient.email).join(", ")}`;
  return recipients.length ? "nobody was emailed (email is not configured)" : "nobody who may resend it could be told";
}
