"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions/run-action";
import type { ActionResult } from "@/lib/actions/result";
import { actionActor } from "@/lib/auth/tenant-actor";
import { setUsersDisabledSchema } from "@/lib/iam/users/user-selection-schemas";
import { setUsersDisabled, type BulkUserRow } from "@/lib/iam/users/user-writes";

export type { BulkUserRow } from "@/lib/iam/users/user-writes";

/** Disable or Enable for the Users tab's selection: one transaction, a row of the report per user (changed or skipped, and why). */
export async function setUsersDisabledAction(tenant: string, userIds: unknown, isDisabled: unknown): Promise<ActionResult<BulkUserRow[]>> {
  return runAction(setUsersDisabledSchema, { userIds, isDisabled }, async (input) => {
    const rows = await setUsersDisabled(await actionActor(tenant), input.userIds, input.isDisabled);
    revalidatePath(`/${tenant}/admin/iam/users`);
    return rows;
  });
}
