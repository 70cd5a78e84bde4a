"use server";

import { z } from "zod";
import type { ActionResult } from "@/lib/actions/result";
import { runAction } from "@/lib/actions/run-action";
import { requestOrigin } from "@/lib/auth/request-origin";
import { actionActor } from "@/lib/auth/tenant-actor";
import { resendInvitation } from "@/lib/iam/invitations/create-invitation";
import type { ResentInvitation } from "./actions";

const invitationIdSchema = z.uuid("That invitation no longer exists.");

/**
 * "Renew" on a renewal request's notice: the Resend of docs/rules.md § Invitations 9, which also clears the request.
 * Unlike the row's Resend it does not revalidate the tab, because the row would drop out of the filtered list at once
 * and take the new link, shown only this once, with it; the notice refreshes the page when its dialog closes.
 */
export async function renewInvitationAction(tenant: string, invitationId: string): Promise<ActionResult<ResentInvitation>> {
  return runAction(invitationIdSchema, invitationId, async (id) => resendInvitation(await actionActor(tenant), id, await requestOrigin()));
}
