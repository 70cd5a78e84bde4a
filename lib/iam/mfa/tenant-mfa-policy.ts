import "server-only";
import { db } from "@/lib/db/client";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { assertCan, assertCanSomewhere } from "@/lib/iam/authz/assert-can";
import { can } from "@/lib/iam/authz/engine";
import { TENANT_WIDE } from "@/lib/iam/authz/concerns";
import { audit } from "@/lib/iam/audit/write-audit";
import { Invalid, NotFound } from "@/lib/iam/errors";
import { parseInput } from "@/lib/iam/parse-input";
import { usedSecondFactor } from "@/lib/iam/mfa/amr";
import { tenantMfaPolicySchema } from "@/lib/iam/mfa/factor-schemas";
import { hasSecondFactor } from "@/lib/iam/mfa/factors";

// "Require two-factor authentication" per tenant (docs/rules.md § Two-factor authentication 6).

export interface TenantMfaPolicy {
  requireMfa: boolean;
  requireMfaForSso: boolean;
  graceDays: number;
  /** When the requirement was last turned on. */
  since: Date | null;
}

/**
 * Where a member stands with the tenant's policy in this session:
 * - ok: no requirement, an exempt SSO sign-in, or a second factor used in this session;
 * - verify: they have a factor but this session has not used one (it predates the policy): verify, then continue;
 * - grace: no factor yet, allowed in until `enrolBy` (the console asks them to set one up);
 * - enrol: no factor and no grace left: the tenant is closed to them until they set one up.
 */
export type MfaStanding = { state: "ok" } | { state: "verify" } | { state: "grace"; enrolBy: Date } | { state: "enrol" };

const DAY_MS = 86_400_000;

export function mfaStanding(
  policy: TenantMfaPolicy,
  member: { hasFactor: boolean; amr: readonly string[]; joinedAt: Date | null },
  now = new Date(),
): MfaStanding {
  if (!policy.requireMfa) return { state: "ok" };
  if (member.amr.includes("sso") && !policy.requireMfaForSso) return { state: "ok" };
  if (usedSecondFactor(member.amr)) return { state: "ok" };
  if (member.hasFactor) return { state: "verify" };
  const since = policy.since ?? now;
  const start = member.joinedAt && member.joinedAt > since ? member.joinedAt : since;
  const enrolBy = new Date(start.getTime() + policy.graceDays * DAY_MS);
  return now < enrolBy ? { state: "grace", enrolBy } : { state: "enrol" };
}

export const POLICY_SELECT = { requireMfa: true, requireMfaForSso: true, mfaGraceDays: true, requireMfaSince: true } as const;

export function policyOf(row: { requireMfa: boolean; requireMfaForSso: boolean; mfaGraceDays: number; requireMfaSince: Date | null }): TenantMfaPolicy {
  return { requireMfa: row.requireMfa, requireMfaForSso: row.requireMfaForSso, graceDays: row.mfaGraceDays, since: row.requireMfaSince };
}

export interface TenantMfaOverview extends TenantMfaPolicy {
  members: number;
  membersWithoutFactor: number;
  canEdit: boolean;
  /** Whether the actor has a factor themselves: turning the requirement on needs one, so nobody locks themselves out. */
  actorHasFactor: boolean;
}

/** The Security tab: the policy and how many members it leaves without a factor (tenant-wide SETTING:READ). */
export async function tenantMfaOverview(actor: TenantActor): Promise<TenantMfaOverview> {
  assertCanSomewhere(actor, "SETTING", "READ");
  const tenant = await db().tenant.findUnique({ where: { id: actor.tenantId }, select: POLICY_SELECT });
  if (!tenant) throw new NotFound("This tenant no longer exists.");
  const [members, membersWithFactor, actorHasFactor] = await Promise.all([
    db().tenantAccess.count({ where: { tenantId: actor.tenantId } }),
    db().tenantAccess.count({ where: { tenantId: actor.tenantId, user: { secondFactors: { some: { confirmedAt: { not: null } } } } } }),
    hasSecondFactor(db(), actor.id),
  ]);
  const canEdit = can(actor.principal, "SETTING", "UPDATE", { tenant: actor.tenantId });
  return { ...policyOf(tenant), members, membersWithoutFactor: members - membersWithFactor, canEdit, actorHasFactor };
}

export async function setTenantMfaPolicy(actor: TenantActor, input: unknown, now = new Date()): Promise<TenantMfaPolicy> {
  assertCan(actor, "SETTING", "UPDATE");
  const { requireMfa, requireMfaForSso, graceDays } = parseInput(tenantMfaPolicySchema, input);
  return db().$transaction(async (tx) => {
    const before = await tx.tenant.findUnique({ where: { id: actor.tenantId }, select: POLICY_SELECT });
    if (!before) throw new NotFound("This tenant no longer exists.");
    if (requireMfa && !before.requireMfa && !(await hasSecondFactor(tx, actor.id))) {
      throw new Invalid("Set up two-factor authentication for your own account first, so that you keep access when the requirement applies.");
    }
    const since = requireMfa ? (before.requireMfa ? before.requireMfaSince : now) : null;
    const after = await tx.tenant.update({
      where: { id: actor.tenantId },
      data: { requireMfa, requireMfaForSso: requireMfa && requireMfaForSso, mfaGraceDays: graceDays, requireMfaSince: since },
      select: POLICY_SELECT,
    });
    const describe = (policy: TenantMfaPolicy) =>
      policy.requireMfa ? `required${policy.requireMfaForSso ? " (SSO users too)" : ""}, ${policy.graceDays} days' grace` : "not required";
    await audit(tx, {
      tenantId: actor.tenantId,
      actor,
      resourceType: "SECURITY",
      resourceId: actor.tenantId,
      action: "UPDATE",
      details: `Two-factor authentication: ${describe(policyOf(after))}`,
      before: { requireMfa: before.requireMfa, requireMfaForSso: before.requireMfaForSso, graceDays: before.mfaGraceDays },
      after: { requireMfa: after.requireMfa, requireMfaForSso: after.requireMfaForSso, graceDays: after.mfaGraceDays },
      namespaces: TENANT_WIDE,
    });
    return policyOf(after);
  });
}
