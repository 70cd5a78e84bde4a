"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import type { ActionResult } from "@/lib/actions/result";
import { actionActor } from "@/lib/auth/tenant-actor";
import { addBindings, removeBinding } from "@/lib/iam/bindings/role-bindings";
import { createGroup, deleteGroup, updateGroup } from "@/lib/iam/groups/group-writes";
import { searchMemberCandidates, type MemberCandidates } from "@/lib/iam/groups/group-reads";
import { addMember, removeMember } from "@/lib/iam/groups/group-memberships";
import { addBindingSchema } from "@/lib/iam/bindings/binding-schemas";
import { bindingIdSchema } from "@/lib/iam/bindings/binding-schemas";
import { groupFormSchema, groupIdSchema, groupMemberSchema, memberSearchSchema } from "@/lib/iam/groups/group-schemas";

const groupsPath = (tenant: string) => `/${tenant}/admin/iam/groups`;

export async function createGroupAction(tenant: string, input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction(groupFormSchema, input, async (data) => {
    const group = await createGroup(await actionActor(tenant), data);
    revalidatePath(groupsPath(tenant));
    return group;
  });
}

export async function updateGroupAction(tenant: string, groupId: string, input: unknown): Promise<ActionResult> {
  return runAction(groupFormSchema, input, async (data) => {
    await updateGroup(await actionActor(tenant), groupId, data);
    revalidatePath(groupsPath(tenant), "layout");
    return null;
  });
}

/** The page the user is on no longer exists afterwards: the dialog goes back to the list and says it is done there. */
export async function deleteGroupAction(tenant: string, groupId: string): Promise<ActionResult> {
  return runAction(groupIdSchema, groupId, async (id) => {
    await deleteGroup(await actionActor(tenant), id);
    revalidatePath(groupsPath(tenant), "layout");
    return null;
  });
}

export async function addGroupMemberAction(tenant: string, groupId: string, input: unknown): Promise<ActionResult> {
  return runAction(groupMemberSchema, { ...asObject(input), groupId }, async (data) => {
    await addMember(await actionActor(tenant), data.groupId, data.userId);
    revalidatePath(groupsPath(tenant), "layout");
    return null;
  });
}

/** The "Add member" picker's search (a read: nothing is revalidated). */
export async function searchMemberCandidatesAction(tenant: string, groupId: string, input: unknown): Promise<ActionResult<MemberCandidates>> {
  return runAction(memberSearchSchema, { ...asObject(input), groupId }, async (data) =>
    searchMemberCandidates(await actionActor(tenant), data.groupId, data.q),
  );
}

export async function removeGroupMemberAction(tenant: string, groupId: string, userId: string): Promise<ActionResult> {
  return runAction(groupMemberSchema, { groupId, userId }, async (data) => {
    await removeMember(await actionActor(tenant), data.groupId, data.userId);
    revalidatePath(groupsPath(tenant), "layout");
    return null;
  });
}

export async function addGroupBindingsAction(tenant: string, groupId: string, input: unknown): Promise<ActionResult<{ created: number }>> {
  return runAction(addBindingSchema.extend({ groupId: groupIdSchema }), { ...asObject(input), groupId }, async ({ groupId: id, ...binding }) => {
    const result = await addBindings(await actionActor(tenant), { type: "GROUP", groupId: id }, binding);
    revalidatePath(groupsPath(tenant), "layout");
    return result;
  });
}

export async function removeGroupBindingAction(tenant: string, bindingId: string): Promise<ActionResult> {
  return runAction(bindingIdSchema, bindingId, async (id) => {
    await removeBinding(await actionActor(tenant), id);
    revalidatePath(groupsPath(tenant), "layout");
    return null;
  });
}

function asObject(input: unknown): Record<string, unknown> {
  return z.record(z.string(), z.unknown()).catch({}).parse(input);
}
