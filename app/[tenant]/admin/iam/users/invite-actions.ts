"use server";

import { revalidatePath } from "next/cache";
import { runAction, toFailure } from "@/lib/actions/run-action";
import type { ActionResult } from "@/lib/actions/result";
import { actionActor } from "@/lib/auth/tenant-actor";
import { DomainError } from "@/lib/iam/errors";
import { createInvitation, type InviteOutcome } from "@/lib/iam/invitations";
import { bulkInviteSchema, inviteEmailSchema, inviteSchema, splitEmails } from "@/lib/iam/schemas/invitations";
import { requestOrigin } from "../invitations/request-origin";

export type BulkOutcome = "invited" | "access-granted" | "already-pending" | "already-member" | "invalid" | "duplicate" | "failed";

/** One row of the "Invite several" result. `link` is set when the invitee did not get an email and needs it shared by hand. */
export interface BulkInviteRow {
  email: string;
  outcome: BulkOutcome;
  message: string;
  link?: string;
}

function revalidateIam(tenant: string) {
  revalidatePath(`/${tenant}/admin/iam/invitations`);
  revalidatePath(`/${tenant}/admin/iam/users`);
}

export async function inviteAction(tenant: string, input: unknown): Promise<ActionResult<InviteOutcome>> {
  return runAction(inviteSchema, input, async (data) => {
    const outcome = await createInvitation(await actionActor(tenant), data, await requestOrigin());
    revalidateIam(tenant);
    return outcome;
  });
}

/**
 * "Invite several": each address goes through createInvitation in turn, so each gets exactly the single-invite
 * rules. Malformed and repeated entries are reported per row and never sent. A domain error on the first address
 * concerns the access (the same for every row: not allowed, group deleted), so it fails the whole action.
 */
export async function bulkInviteAction(tenant: string, input: unknown): Promise<ActionResult<BulkInviteRow[]>> {
  return runAction(bulkInviteSchema, input, async ({ emails, access }) => {
    const actor = await actionActor(tenant);
    const origin = await requestOrigin();
    const rows: BulkInviteRow[] = [];
    const seen = new Set<string>();
    let attempted = 0;
    try {
      for (const entry of splitEmails(emails)) {
        const parsed = inviteEmailSchema.safeParse(entry);
        if (!parsed.success) {
          rows.push({ email: entry.slice(0, 254), outcome: "invalid", message: parsed.error.issues[0]?.message ?? "Not an email address" });
          continue;
        }
        const email = parsed.data;
        if (seen.has(email)) {
          rows.push({ email, outcome: "duplicate", message: "Listed more than once; handled once above" });
          continue;
        }
        seen.add(email);
        attempted += 1;
        try {
          rows.push(describe(await createInvitation(actor, { email, access, superAdmin: false }, origin)));
        } catch (error) {
          if (error instanceof DomainError && attempted === 1) throw error;
          rows.push({ email, outcome: "failed", message: toFailure(error).error });
        }
      }
    } finally {
      if (attempted > 0) revalidateIam(tenant);
    }
    return rows;
  });
}

function describe(outcome: InviteOutcome): BulkInviteRow {
  switch (outcome.kind) {
    case "invited":
      if (outcome.delivery === "SENT") return { email: outcome.email, outcome: "invited", message: "Invitation sent" };
      return {
        email: outcome.email,
        outcome: "invited",
        message: outcome.delivery === "FAILED" ? "Invited, but the email could not be sent: share the link" : "Invited: share the link",
        link: outcome.link,
      };
    case "access-granted":
      return { email: outcome.email, outcome: "access-granted", message: "Already had an account: access granted" };
    case "already-pending":
      return { email: outcome.email, outcome: "already-pending", message: "Already invited: resend from the Invitations tab" };
    case "already-member":
      return { email: outcome.email, outcome: "already-member", message: "Already a member of this tenant" };
  }
}
