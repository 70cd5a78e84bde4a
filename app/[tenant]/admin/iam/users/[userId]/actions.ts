"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionActor } from "@/lib/auth/tenant-actor";
import { runAction } from "@/lib/actions/run-action";
import { addBindings, removeBinding } from "@/lib/iam/bindings/role-bindings";
import { addMember, removeMember } from "@/lib/iam/groups/group-memberships";
import { addBindingSchema } from "@/lib/iam/bindings/binding-schemas";
import { bindingIdSchema } from "@/lib/iam/bindings/binding-schemas";
import { membershipSchema, userIdSchema } from "@/lib/iam/users/user-schemas";
import { removeFromTenant, renameUser, resetTwoFactor, sendPasswordReset, setSuperAdmin, setUserDisabled, signOutEverywhere, unlockUser } from "@/lib/iam/users/user-writes";
import { requestOrigin } from "@/lib/auth/request-origin";

// Every action re-resolves the actor and re-checks permissions on the server: the page's buttons are a courtesy.
const tenantSchema = z.string().max(64);
const userPath = (tenant: string, userId: string) => `/${tenant}/admin/iam/users/${userId}`;

export async function setDisabledAction(tenant: string, userId: string, isDisabled: boolean) {
  return runAction(z.object({ tenant: tenantSchema, userId: userIdSchema, isDisabled: z.boolean() }), { tenant, userId, isDisabled }, async (input) => {
    await setUserDisabled(await actionActor(input.tenant), input.userId, input.isDisabled);
    revalidatePath(userPath(input.tenant, input.userId));
    return null;
  });
}

export async function setSuperAdminAction(tenant: string, userId: string, isSuperAdmin: boolean) {
  return runAction(z.object({ tenant: tenantSchema, userId: userIdSchema, isSuperAdmin: z.boolean() }), { tenant, userId, isSuperAdmin }, async (input) => {
    await setSuperAdmin(await actionActor(input.tenant), input.userId, input.isSuperAdmin);
    revalidatePath(userPath(input.tenant, input.userId));
    return null;
  });
}

export async function removeFromTenantAction(tenant: string, userId: string) {
  return runAction(z.object({ tenant: tenantSchema, userId: userIdSchema }), { tenant, userId }, async (input) => {
    await removeFromTenant(await actionActor(input.tenant), input.userId);
    revalidatePath(`/${input.tenant}/admin/iam/users`);
    return null;
  });
}

/** Merges the route's ids into untrusted form input so one schema validates both. */
const withUserId = (input: unknown, userId: string) => ({ ...(typeof input === "object" ? input : {}), userId });

export async function addToGroupAction(tenant: string, userId: string, input: unknown) {
  return runAction(membershipSchema.extend({ userId: userIdSchema }), withUserId(input, userId), async ({ groupId }) => {
    await addMember(await actionActor(tenant), groupId, userId);
    revalidatePath(userPath(tenant, userId));
    return null;
  });
}

export async function removeFromGroupAction(tenant: string, userId: string, groupId: string) {
  return runAction(z.object({ userId: userIdSchema, groupId: z.uuid() }), { userId, groupId }, async (input) => {
    await removeMember(await actionActor(tenant), input.groupId, input.userId);
    revalidatePath(userPath(tenant, userId));
    return null;
  });
}

export async function addUserBindingAction(tenant: string, userId: string, input: unknown) {
  return runAction(addBindingSchema.extend({ userId: userIdSchema }), withUserId(input, userId), async (binding) => {
    const result = await addBindings(await actionActor(tenant), { type: "USER", userId }, binding);
    revalidatePath(userPath(tenant, userId));
    return result;
  });
}

export async function removeUserBindingAction(tenant: string, userId: string, bindingId: string) {
  return runAction(z.object({ userId: userIdSchema, bindingId: bindingIdSchema }), { userId, bindingId }, async ({ bindingId: id }) => {
    await removeBinding(await actionActor(tenant), id);
    revalidatePath(userPath(tenant, userId));
    return null;
  });
}

// The name is checked by the domain (profileSchema), so its refusals come back under firstName and lastName.
export async function renameUserAction(tenant: string, userId: string, input: unknown) {
  return runAction(z.object({ tenant: tenantSchema, userId: userIdSchema, name: z.unknown() }), { tenant, userId, name: input }, async (data) => {
    await renameUser(await actionActor(data.tenant), data.userId, data.name);
    revalidatePath(userPath(data.tenant, data.userId));
    return null;
  });
}

export async function signOutEverywhereAction(tenant: string, userId: string) {
  return runAction(z.object({ tenant: tenantSchema, userId: userIdSchema }), { tenant, userId }, async (data) => {
    const result = await signOutEverywhere(await actionActor(data.tenant), data.userId);
    revalidatePath(userPath(data.tenant, data.userId));
    return result;
  });
}

/** "Reset two-factor": the user's factors and recovery codes go, their sessions end (step-up required). */
export async function resetTwoFactorAction(tenant: string, userId: string) {
  return runAction(z.object({ tenant: tenantSchema, userId: userIdSchema }), { tenant, userId }, async (data) => {
    const result = await resetTwoFactor(await actionActor(data.tenant), data.userId);
    revalidatePath(userPath(data.tenant, data.userId));
    return result;
  });
}

export async function unlockUserAction(tenant: string, userId: string) {
  return runAction(z.object({ tenant: tenantSchema, userId: userIdSchema }), { tenant, userId }, async (data) => {
    await unlockUser(await actionActor(data.tenant), data.userId);
    revalidatePath(userPath(data.tenant, data.userId));
    return null;
  });
}

/** Emails a reset link, or (email not configured) answers it once for the admin to hand over. */
export async function sendPasswordResetAction(tenant: string, userId: string) {
  return runAction(z.object({ tenant: tenantSchema, userId: userIdSchema }), { tenant, userId }, async (data) => {
    return sendPasswordReset(await actionActor(data.tenant), data.userId, await requestOrigin());
  });
}
