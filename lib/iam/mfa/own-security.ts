import "server-only";
import { db } from "@/lib/db/client";
import type { SessionActor } from "@/lib/iam/authz/actor";
import { confirmedFactors, unusedRecoveryCodes, type FactorSummary } from "@/lib/iam/mfa/factors";
import { mfaStanding, POLICY_SELECT, policyOf, type MfaStanding } from "@/lib/iam/mfa/tenant-mfa-policy";

export interface OwnSecurity {
  factors: FactorSummary[];
  recoveryCodesLeft: number;
  /** Tenants whose invitation this person accepted and which wait for their first factor. */
  awaitingTenants: { id: string; name: string }[];
  /** Tenants of theirs that require two-factor authentication which they do not meet yet (grace or closed). */
  requiringTenants: { id: string; name: string; standing: MfaStanding }[];
}

/** The Security page of one's own account: one's factors (never their secrets) and what asks for them. */
export async function ownSecurity(actor: SessionActor, now = new Date()): Promise<OwnSecurity> {
  const [factors, recoveryCodesLeft, waiting, strict] = await Promise.all([
    confirmedFactors(db(), actor.id),
    unusedRecoveryCodes(db(), actor.id),
    db().invitation.findMany({
      where: { acceptedById: actor.id, acceptedAt: null, revokedAt: null, requireMfa: true, expiresAt: { gt: now } },
      select: { tenant: { select: { id: true, name: true } } },
      orderBy: { createdAt: "asc" },
    }),
    db().tenantAccess.findMany({
      where: { userId: actor.id, tenant: { requireMfa: true } },
      select: { createdAt: true, tenant: { select: { id: true, name: true, ...POLICY_SELECT } } },
      orderBy: { tenant: { name: "asc" } },
    }),
  ]);
  const requiringTenants = strict.flatMap(({ createdAt, tenant }) => {
    const standing = mfaStanding(policyOf(tenant), { hasFactor: factors.length > 0, amr: actor.amr, joinedAt: createdAt }, now);
    return standing.state === "ok" ? [] : [{ id: tenant.id, name: tenant.name, standing }];
  });
  return { factors, recoveryCodesLeft, awaitingTenants: waiting.map((invitation) => invitation.tenant), requiringTenants };
}

/** One's own confirmed factors, for the account page's summary. */
export async function ownFactors(actor: SessionActor): Promise<FactorSummary[]> {
  return confirmedFactors(db(), actor.id);
}
