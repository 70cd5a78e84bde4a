"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions/run-action";
import type { ActionResult } from "@/lib/actions/result";
import { actionActor } from "@/lib/auth/tenant-actor";
import { createInvitations, type BulkInviteRow } from "@/lib/iam/bulk-invitations";
import { createInvitation, type InviteOutcome } from "@/lib/iam/invitations";
import { bulkInviteSchema, inviteEmailSchema, inviteSchema, splitEmails } from "@/lib/iam/schemas/invitations";
import { takeInvitationAllowance } from "@/lib/security/rate-limits";
import { requestOrigin } from "../invitations/request-origin";

export type { BulkInviteRow, BulkOutcome } from "@/lib/iam/bulk-invitations";

function revalidateIam(tenant: string) {
  revalidatePath(`/${tenant}/admin/iam/invitations`);
  revalidatePath(`/${tenant}/admin/iam/users`);
}

export async function inviteAction(tenant: string, input: unknown): Promise<ActionResult<InviteOutcome>> {
  return runAction(inviteSchema, input, async (data) => {
    const actor = await actionActor(tenant);
    await takeInvitationAllowance(actor, 1);
    const outcome = await createInvitation(actor, data, await requestOrigin());
    revalidateIam(tenant);
    return outcome;
  });
}

/** "Invite several": every address in one transaction (lib/iam/bulk-invitations.ts), each reported on its own row. */
export async function bulkInviteAction(tenant: string, input: unknown): Promise<ActionResult<BulkInviteRow[]>> {
  return runAction(bulkInviteSchema, input, async ({ emails, access }) => {
    const actor = await actionActor(tenant);
    // Every distinct well-formed address counts against the hourly limit; a batch that does not fit sends nothing.
    const addresses = new Set(splitEmails(emails).flatMap((entry) => inviteEmailSchema.safeParse(entry).data ?? []));
    await takeInvitationAllowance(actor, addresses.size);
    const rows = await createInvitations(actor, splitEmails(emails), access, await requestOrigin());
    if (rows.some((row) => row.outcome !== "invalid" && row.outcome !== "duplicate")) revalidateIam(tenant);
    return rows;
  });
}
