import "server-only";
import type { DbClient } from "@/lib/db/types";
import type { FirstFactor } from "@/lib/iam/mfa/amr";

/**
 * Whether a sign-in must be completed with a second factor (docs/rules.md § Two-factor authentication 4): a password
 * sign-in of anyone with a factor; an SSO sign-in only when one of the person's tenants requires two-factor
 * authentication for SSO users too (otherwise the identity provider's own MFA is trusted).
 */
export async function secondStepNeeded(client: DbClient, userId: string, method: FirstFactor): Promise<boolean> {
  const [row] = await client.$queryRaw<{ has_factor: boolean; sso_required: boolean }[]>`
    SELECT
      EXISTS (SELECT 1 FROM second_factors f WHERE f.user_id = ${userId}::uuid AND f.confirmed_at IS NOT NULL) AS has_factor,
      EXISTS (
        SELECT 1 FROM tenant_access ta JOIN tenants t ON t.id = ta.tenant_id
        WHERE ta.user_id = ${userId}::uuid AND t.require_mfa AND t.require_mfa_for_sso
      ) AS sso_required`;
  if (!row?.has_factor) return false;
  return method === "password" || row.sso_required;
}
