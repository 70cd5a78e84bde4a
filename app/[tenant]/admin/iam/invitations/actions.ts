"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import type { ActionResult } from "@/lib/actions/result";
import { actionActor } from "@/lib/auth/tenant-actor";
import { resendInvitation, revokeInvitation, type DeliveryOutcome } from "@/lib/iam/invitations/create-invitation";
import { requestOrigin } from "@/lib/auth/request-origin";
import { resendInvitations, revokeInvitations, type BulkInvitationRow } from "@/lib/iam/invitations/bulk-invitations";
import { invitationSelectionSchema } from "@/lib/iam/invitations/invitation-schemas";

export type { BulkInvitationRow } from "@/lib/iam/invitations/bulk-invitations";

const invitationIdSchema = z.uuid("That invitation no longer exists.");

export interface ResentInvitation {
  invitationId: string;
  email: string;
  link: string;
  delivery: DeliveryOutcome;
}

/** A new link (the old one stops working) and a new expiry; the link is returned so the admin can share it. */
export async function resendInvitationAction(tenant: string, invitationId: string): Promise<ActionResult<ResentInvitation>> {
  return runAction(invitationIdSchema, invitationId, async (id) => {
    const resent = await resendInvitation(await actionActor(tenant), id, await requestOrigin());
    revalidatePath(`/${tenant}/admin/iam/invitations`);
    return resent;
  });
}

export async function revokeInvitationAction(tenant: string, invitationId: string): Promise<ActionResult> {
  return runAction(invitationIdSchema, invitationId, async (id) => {
    await revokeInvitation(await actionActor(tenant), id);
    revalidatePath(`/${tenant}/admin/iam/invitations`);
    return null;
  });
}

/** Resend for the tab's selection: one transaction, a row of the report per invitation (resent or skipped, and why). */
export async function resendInvitationsAction(tenant: string, invitationIds: unknown): Promise<ActionResult<BulkInvitationRow[]>> {
  return runAction(invitationSelectionSchema, invitationIds, async (ids) => {
    const rows = await resendInvitations(await actionActor(tenant), ids, await requestOrigin());
    revalidatePath(`/${tenant}/admin/iam/invitations`);
    return rows;
  });
}

export async function revokeInvitationsAction(tenant: string, invitationIds: unknown): Promise<ActionResult<BulkInvitationRow[]>> {
  return runAction(invitationSelectionSchema, invitationIds, async (ids) => {
    const rows = await revokeInvitations(await actionActor(tenant), ids);
    revalidatePath(`/${tenant}/admin/iam/invitations`);
    return rows;
  });
}
