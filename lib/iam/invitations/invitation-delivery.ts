import "server-only";
import type { TenantActor } from "@/lib/iam/authz/actor";
import type { Tx } from "@/lib/db/types";
import { invitationMessages } from "@/lib/email/invitation-message";
import { enqueueEmails } from "@/lib/email/outbox";
import { isEmailConfigured } from "@/lib/email/resend";
import { formatDateTime } from "@/lib/format";
import { invitationLink } from "@/lib/iam/invitations/invitation-links";

/**
 * What happened to the email right away: QUEUED (email is configured: the outbox sends it within moments, retrying
 * when Resend fails, and the Invitations tab shows Queued, Sent or Failed) or NOT_CONFIGURED (share the link by hand).
 */
export type DeliveryOutcome = "QUEUED" | "NOT_CONFIGURED";

/** A new (or renewed) invitation link, held in memory only: the database keeps the token's hash. */
export interface Delivery {
  invitationId: string;
  email: string;
  token: string;
  expiresAt: Date;
  accessSummary: string;
}

export const deliveryStatus = (): DeliveryOutcome => (isEmailConfigured() ? "QUEUED" : "NOT_CONFIGURED");

/**
 * Queues the invitation emails in the invitations' own transaction, when email is configured, and returns each link
 * to show the admin once. The outbox keeps the rendered email, link and token included, only until it is sent: see
 * the EmailOutbox model.
 */
export async function queueInvitationEmails(tx: Tx, actor: TenantActor, deliveries: Delivery[], origin: string) {
  const delivery = deliveryStatus();
  const links = deliveries.map(({ invitationId, email, token }) => ({ invitationId, email, link: invitationLink(token, origin), delivery }));
  if (delivery === "QUEUED" && deliveries.length) {
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { name: true } });
    const message = invitationMessages((token) => invitationLink(token, origin));
    const emails = await Promise.all(
      deliveries.map(async ({ invitationId, email, token, expiresAt, accessSummary }) => {
        const context = { inviterName: actor.name, tenantName: tenant.name, accessSummary, expiresAt: formatDateTime(expiresAt) };
        return { invitationId, to: email, ...(await message(context, token)) };
      }),
    );
    await enqueueEmails(tx, emails);
  }
  return links;
}
