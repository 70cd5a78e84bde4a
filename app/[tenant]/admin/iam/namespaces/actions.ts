"use server";

import { revalidatePath } from "next/cache";
import { actionActor } from "@/lib/auth/tenant-actor";
import type { ActionResult } from "@/lib/actions/result";
import { runAction } from "@/lib/actions/run-action";
import { addNamespace, deleteNamespace } from "@/lib/iam/namespaces/namespace-registry";
import { addNamespaceSchema, deleteNamespaceSchema } from "@/lib/iam/namespaces/namespace-schemas";

export async function addNamespaceAction(tenant: string, input: unknown): Promise<ActionResult<{ created: string[] }>> {
  return runAction(addNamespaceSchema, input, async (data) => {
    const outcome = await addNamespace(await actionActor(tenant), data);
    revalidatePath(`/${tenant}/admin/iam/namespaces`);
    return outcome;
  });
}

export async function deleteNamespaceAction(tenant: string, name: unknown): Promise<ActionResult<null>> {
  return runAction(deleteNamespaceSchema, name, async (namespace) => {
    await deleteNamespace(await actionActor(tenant), namespace);
    revalidatePath(`/${tenant}/admin/iam/namespaces`);
    return null;
  });
}
