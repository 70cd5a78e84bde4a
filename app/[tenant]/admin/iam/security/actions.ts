"use server";

import { revalidatePath } from "next/cache";
import { actionActor } from "@/lib/auth/tenant-actor";
import type { ActionResult } from "@/lib/actions/result";
import { runAction } from "@/lib/actions/run-action";
import { tenantMfaPolicySchema } from "@/lib/iam/mfa/factor-schemas";
import { setTenantMfaPolicy, type TenantMfaPolicy } from "@/lib/iam/mfa/tenant-mfa-policy";

export async function setMfaPolicyAction(tenant: string, input: unknown): Promise<ActionResult<TenantMfaPolicy>> {
  return runAction(tenantMfaPolicySchema, input, async (data) => {
    const policy = await setTenantMfaPolicy(await actionActor(tenant), data);
    revalidatePath(`/${tenant}`, "layout");
    return policy;
  });
}
