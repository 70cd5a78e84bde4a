"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import type { ActionResult } from "@/lib/actions/result";
import { actionActor } from "@/lib/auth/tenant-actor";
import { resendInvitation, revokeInvitation, type DeliveryOutcome } from "@/lib/iam/invitations/create-invitation";
import { requestOrigin } from "@/lib/auth/request-origin";

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
