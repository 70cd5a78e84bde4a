"use server";

import { runAction, toFailure } from "@/lib/actions/run-action";
import type { ActionResult } from "@/lib/actions/result";
import { actionActor } from "@/lib/auth/tenant-actor";
import { createInvitations, type BulkInviteRow } from "@/lib/iam/invitations/create-bulk-invitations";
import { createInvitation, type InviteOutcome } from "@/lib/iam/invitations/create-invitation";
import { inviteChoices, type InviteChoices } from "@/lib/iam/invitations/invite-choices";
import { bulkInviteSchema, distinctAddresses, inviteSchema, readPastedAddresses, splitEmails } from "@/lib/iam/invitations/invitation-schemas";
import { spendInvitationAllowance } from "@/lib/security/rate-limits";
import { requestOrigin } from "@/lib/auth/request-origin";
import { onUniqueViolation } from "@/lib/db/unique-violation";
import { Conflict } from "@/lib/iam/errors";
import { createUserSchema } from "@/lib/iam/users/account-schemas";
import { createUserDirectly, type CreatedUser } from "@/lib/iam/users/create-user";

export type { BulkInviteRow, BulkOutcome } from "@/lib/iam/invitations/create-bulk-invitations";

// No revalidatePath here: it would make the action's response carry a fresh render of the whole Users page, so the
// admin would wait for the list before seeing the outcome. The dialog shows the outcome at once and refreshes the
// page behind it (router.refresh in invite-dialog.tsx); the other IAM pages are dynamic and read fresh on navigation.

/** The Invite dialog's pickers, read when it opens (a read: nothing is revalidated). */
export async function inviteChoicesAction(tenant: string): Promise<ActionResult<InviteChoices>> {
  try {
    return { ok: true, data: await inviteChoices(await actionActor(tenant)) };
  } catch (error) {
    return toFailure(error);
  }
}

export async function inviteAction(tenant: string, input: unknown): Promise<ActionResult<InviteOutcome>> {
  return runAction(inviteSchema, input, async (data) => {
    const actor = await actionActor(tenant);
    const origin = await requestOrigin();
    return spendInvitationAllowance(actor, 1, () => createInvitation(actor, data, origin), (outcome) => (outcome.kind === "invited" ? 1 : 0));
  });
}

/** "Invite several": every address in one transaction (lib/iam/invitations/create-bulk-invitations.ts), each reported on its own row. */
export async function bulkInviteAction(tenant: string, input: unknown): Promise<ActionResult<BulkInviteRow[]>> {
  return runAction(bulkInviteSchema, input, async ({ emails, access, requireMfa }) => {
    const actor = await actionActor(tenant);
    // Every distinct well-formed address counts against the hourly limit; a batch that does not fit sends nothing, and
    // what it does not invite (already members or invited, or all of it when it fails) is given back.
    const entries = splitEmails(emails);
    const origin = await requestOrigin();
    return spendInvitationAllowance(
      actor,
      distinctAddresses(readPastedAddresses(entries)).length,
      () => createInvitations(actor, entries, access, origin, { requireMfa }),
      (rows) => rows.filter((row) => row.outcome === "invited").length,
    );
  });
}

/**
 * "Create user directly" (lib/iam/users/create-user.ts). A race with a create of the same address in another tenant
 * ends at the unique index on users.email: answered with the same conflict as the check before it.
 */
export async function createUserAction(tenant: string, input: unknown): Promise<ActionResult<CreatedUser>> {
  return runAction(createUserSchema, input, async (data) => {
    const actor = await actionActor(tenant);
    return onUniqueViolation(() => createUserDirectly(actor, data), () => new Conflict(`An account with ${data.email} already exists: invite it, or give it access from its page.`));
  });
}
