import "server-only";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { db } from "@/lib/db/client";
import { wakeOutboxWorker } from "@/lib/email/outbox-worker";
import { queueInvitationEmails, type Delivery } from "@/lib/iam/invitations/invitation-delivery";
import { grantableAccess, inviteAddresses, lockAddresses, type InviteOutcome } from "@/lib/iam/invitations/create-invitation";
import { distinctAddresses, readPastedAddresses, type AccessInput } from "@/lib/iam/invitations/invitation-schemas";

export type BulkOutcome = "invited" | "access-granted" | "already-pending" | "already-member" | "invalid" | "duplicate";

/** One row of the "Invite several" result. `link` is set when the invitee gets no email and needs it shared by hand. */
export interface BulkInviteRow {
  email: string;
  outcome: BulkOutcome;
  message: string;
  link?: string;
}

/** Prisma's default (5 s) is the whole budget of a 500-address invite; a busy server gets more room. */
const TRANSACTION_TIMEOUT_MS = 60_000;

/**
 * "Invite several": one access for many addresses, in one transaction. Malformed and repeated entries are reported
 * per row and never sent. The access is resolved and authorized once: if the actor may not grant it (or a group is
 * gone) the whole request fails and nothing is written. Every address then gets exactly the single-invite rules
 * (inviteAddresses, which inviteInTransaction uses for one), under the same per-address locks, and the emails are
 * queued in the same transaction for the outbox, which sends them in batches of up to 100. Rows come back in the
 * order given.
 */
export async function createInvitations(
  actor: TenantActor,
  entries: string[],
  access: AccessInput,
  origin: string,
  { requireMfa = false }: { requireMfa?: boolean } = {},
): Promise<BulkInviteRow[]> {
  const pasted = readPastedAddresses(entries);
  const rows = pasted.map((address): BulkInviteRow | string => {
    if (address.kind === "address") return address.email;
    // A repeat is shown normalised, like the row it repeats; a malformed entry as typed (bounded).
    if (address.kind === "duplicate") return { email: address.email, outcome: "duplicate", message: address.message };
    return { email: address.entry.slice(0, 254), outcome: "invalid", message: address.message };
  });
  const emails = distinctAddresses(pasted);
  if (emails.length === 0) return rows as BulkInviteRow[];

  const outcomes = await db().$transaction(
    async (tx) => {
      await lockAddresses(tx, actor.tenantId, emails);
      const granted = await grantableAccess(tx, actor, access, false);
      const outcomes = new Map<string, InviteOutcome>();
      const deliveries: Delivery[] = [];
      for (const [email, outcome] of await inviteAddresses(tx, actor, emails, granted, { requireMfa })) {
        if (outcome.kind === "created") deliveries.push(outcome.delivery);
        else outcomes.set(email, outcome);
      }
      for (const invited of await queueInvitationEmails(tx, actor, deliveries, origin)) outcomes.set(invited.email, { kind: "invited", ...invited });
      return outcomes;
    },
    { timeout: TRANSACTION_TIMEOUT_MS },
  );
  if ([...outcomes.values()].some((outcome) => outcome.kind === "invited" && outcome.delivery === "QUEUED")) wakeOutboxWorker();
  return rows.map((row) => (typeof row === "string" ? describe(outcomes.get(row)!) : row));
}

function describe(outcome: InviteOutcome): BulkInviteRow {
  switch (outcome.kind) {
    case "invited":
      if (outcome.delivery === "QUEUED") return { email: outcome.email, outcome: "invited", message: "Invitation sent" };
      return { email: outcome.email, outcome: "invited", message: "Invited: share the link", link: outcome.link };
    case "access-granted":
      return { email: outcome.email, outcome: "access-granted", message: "Already had an account: access granted" };
    case "already-pending":
      return { email: outcome.email, outcome: "already-pending", message: "Already invited: resend from the Invitations tab" };
    case "already-member":
      return { email: outcome.email, outcome: "already-member", message: "Already a member of this tenant" };
  }
}
