"use server";

import { revalidatePath } from "next/cache";
import { actionActor } from "@/lib/auth/tenant-actor";
import type { ActionFailure, ActionResult } from "@/lib/actions/result";
import { runAction, toFailure } from "@/lib/actions/run-action";
import { createRole, deleteRole, RoleInUse, updateRole } from "@/lib/iam/roles/role-writes";
import { type RoleUsage } from "@/lib/iam/roles/role-reads";
import { roleIdSchema, roleSchema } from "@/lib/iam/roles/role-schemas";

/** A refusal names the places the role is still used. */
export type DeleteRoleFailure = ActionFailure & { usage?: RoleUsage };

export async function createRoleAction(tenant: string, input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction(roleSchema, input, async (data) => {
    const role = await createRole(await actionActor(tenant), data);
    revalidatePath(`/${tenant}/admin/iam/roles`);
    return role;
  });
}

export async function updateRoleAction(tenant: string, roleId: string, input: unknown): Promise<ActionResult<null>> {
  const id = roleIdSchema.safeParse(roleId);
  if (!id.success) return { ok: false, error: "That role no longer exists." };
  return runAction(roleSchema, input, async (data) => {
    await updateRole(await actionActor(tenant), id.data, data);
    revalidatePath(`/${tenant}/admin/iam/roles`, "layout");
    return null;
  });
}

export async function deleteRoleAction(tenant: string, roleId: string): Promise<{ ok: true } | DeleteRoleFailure> {
  const id = roleIdSchema.safeParse(roleId);
  if (!id.success) return { ok: false, error: "That role no longer exists." };
  try {
    await deleteRole(await actionActor(tenant), id.data);
  } catch (error) {
    // The refusal carries where the role is used, so the dialog can list it rather than only say so.
    if (error instanceof RoleInUse) return { ok: false, error: error.message, usage: error.usage };
    return toFailure(error);
  }
  revalidatePath(`/${tenant}/admin/iam/roles`, "layout");
  // The dialog goes back to the list (the role's own page no longer exists) and says it is done there.
  return { ok: true };
}
