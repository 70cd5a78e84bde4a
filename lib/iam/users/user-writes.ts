import "server-only";
import { db } from "@/lib/db/client";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { assertCan } from "@/lib/iam/authz/assert-can";
import { assertRecentAuthentication } from "@/lib/iam/mfa/step-up";
import { audit, auditAll, type AuditEntry } from "@/lib/iam/audit/write-audit";
import { TENANT_WIDE } from "@/lib/iam/authz/concerns";
import { Forbidden, Invalid, NotFound } from "@/lib/iam/errors";
import { parseInput } from "@/lib/iam/parse-input";
import { profileSchema } from "@/lib/iam/users/account-schemas";
import { userSelectionSchema } from "@/lib/iam/users/user-selection-schemas";
import { clearSignInLock, signInLockState } from "@/lib/iam/users/sign-in-lock";
import { endAllSessions } from "@/lib/iam/users/user-sessions";
import { issueReset, queueResetEmail, resetLink } from "@/lib/iam/account/password-resets";
import { isEmailConfigured } from "@/lib/email/resend";

// An admin's changes to a user in a tenant: disable or enable, superadmin or not, removal, rename, sign-out, unlock.
// Reads are in user-detail.ts.

/** A member as the checks on a target read them: who they are, superadmin or not, in how many tenants. */
type Target = { id: string; email: string; superAdmin: boolean; _count: { accesses: number } };

const targetInclude = { user: { include: { _count: { select: { accesses: true } } } } } as const;

/** Loads the target inside the tenant and refuses actions on yourself or, for non-superadmins, on a superadmin. */
async function targetOf(actor: TenantActor, userId: string, verb: string) {
  const access = await db().tenantAccess.findUnique({ where: { tenantId_userId: { tenantId: actor.tenantId, userId } }, include: targetInclude });
  if (!access) throw new NotFound("That user is not a member of this tenant.");
  const refusal = targetRefusal(actor, access.user, verb);
  if (refusal) throw refusal;
  return access.user;
}

/** targetOf's rules for a member already loaded: one bulk row and one page action refuse alike (docs/rules.md § Tenants 4–5). */
function targetRefusal(actor: TenantActor, user: Target, verb: string): Invalid | Forbidden | null {
  if (user.id === actor.id) return new Invalid(`You can't ${verb} yourself.`);
  if (user.superAdmin && !actor.isSuperAdmin) return new Forbidden(`Only a superadmin can ${verb} a superadmin.`);
  return null;
}

/** accountTargetOf's rules for a member already loaded (the caller has checked tenant-wide USER:UPDATE). */
function accountTargetRefusal(actor: TenantActor, user: Target, verb: string): Invalid | Forbidden | null {
  const refusal = targetRefusal(actor, user, verb);
  if (refusal) return refusal;
  if (user._count.accesses > 1 && !actor.isSuperAdmin) return new Forbidden(`${user.email} also belongs to other tenants; only a superadmin can ${verb} them.`);
  return null;
}

export async function setUserDisabled(actor: TenantActor, userId: string, isDisabled: boolean): Promise<void> {
  // `disabled` is global: a tenant admin may not lock someone out of tenants they don't administer.
  const user = await accountTargetOf(actor, userId, isDisabled ? "disable" : "enable");
  if (user.disabled === isDisabled) return;
  await updateUserFlag(actor, user.id, "disabled", user.disabled, isDisabled, `${isDisabled ? "Disabled" : "Enabled"} ${user.email}`);
}

export type BulkUserOutcome = "disabled" | "enabled" | "skipped";

export interface BulkUserRow {
  id: string;
  /** null when the id is not a member of this tenant (another tenant's member reads the same). */
  email: string | null;
  outcome: BulkUserOutcome;
  /** Why a row was skipped, as a sentence. */
  reason?: string;
}

/** A disable of 100 ends each one's sessions and writes 100 entries; Prisma's default (5 s) is tight on a busy server. */
const BULK_TRANSACTION_TIMEOUT_MS = 60_000;

/**
 * The Users tab's Disable and Enable for a selection (docs/rules.md § Tenants 10): tenant-wide USER:UPDATE for the
 * request, then setUserDisabled's rules per row, where a refusal skips that row only. One transaction changes every
 * row that qualifies, ends the disabled users' sessions and writes one entry per changed user; report in the order given.
 */
export async function setUsersDisabled(actor: TenantActor, userIds: unknown, isDisabled: boolean): Promise<BulkUserRow[]> {
  assertCan(actor, "USER", "UPDATE");
  const ids = parseInput(userSelectionSchema, userIds);
  const verb = isDisabled ? "disable" : "enable";
  return db().$transaction(
    async (tx) => {
      // In id order, so overlapping bulk changes wait for each other instead of deadlocking; the flags read next are current.
      await tx.$queryRaw`SELECT u.id FROM users u JOIN tenant_access ta ON ta.user_id = u.id AND ta.tenant_id = ${actor.tenantId}
        WHERE u.id = ANY(${ids}::uuid[]) ORDER BY u.id FOR UPDATE OF u`;
      const members = await tx.tenantAccess.findMany({ where: { tenantId: actor.tenantId, userId: { in: ids } }, include: targetInclude });
      const byId = new Map(members.map((access) => [access.userId, access.user]));
      const rows = ids.map((id): BulkUserRow => {
        const user = byId.get(id);
        if (!user) return { id, email: null, outcome: "skipped", reason: "That user is not a member of this tenant." };
        const refusal = accountTargetRefusal(actor, user, verb);
        if (refusal) return { id, email: user.email, outcome: "skipped", reason: refusal.message };
        if (user.disabled === isDisabled) return { id, email: user.email, outcome: "skipped", reason: `Already ${isDisabled ? "disabled" : "enabled"}.` };
        return { id, email: user.email, outcome: isDisabled ? "disabled" : "enabled" };
      });
      const changed = rows.filter((row) => row.outcome !== "skipped");
      if (!changed.length) return rows;
      await tx.user.updateMany({ where: { id: { in: changed.map((row) => row.id) } }, data: { disabled: isDisabled } });
      // As for one user: disabling signs them out everywhere, so enabling them later revives no old cookie.
      if (isDisabled) for (const row of changed) await endAllSessions(tx, row.id);
      await auditAll(
        tx,
        changed.map((row) => flagEntry(actor, row.id, "disabled", !isDisabled, isDisabled, `${isDisabled ? "Disabled" : "Enabled"} ${row.email}`)),
      );
      return rows;
    },
    { timeout: BULK_TRANSACTION_TIMEOUT_MS },
  );
}

/**
 * The target of a change to the account itself, which every tenant of theirs sees (disable, rename, sign-out,
 * unlock): tenant-wide USER:UPDATE, and a superadmin when the user also belongs to other tenants (rules § Tenants 4).
 */
async function accountTargetOf(actor: TenantActor, userId: string, verb: string) {
  assertCan(actor, "USER", "UPDATE");
  const user = await targetOf(actor, userId, verb);
  const refusal = accountTargetRefusal(actor, user, verb);
  if (refusal) throw refusal;
  return user;
}

const userEntry = (actor: TenantActor, userId: string, details: string) => ({
  tenantId: actor.tenantId,
  actor,
  resourceType: "USER" as const,
  resourceId: userId,
  action: "UPDATE" as const,
  details,
  namespaces: TENANT_WIDE,
});

/** An admin renames a user, by the rules a person names themselves with (profileSchema). */
export async function renameUser(actor: TenantActor, userId: string, input: unknown): Promise<void> {
  const user = await accountTargetOf(actor, userId, "rename");
  const { firstName, lastName } = parseInput(profileSchema, input);
  if (user.firstName === firstName && user.lastName === lastName) return;
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { firstName, lastName } });
    await audit(tx, {
      ...userEntry(actor, user.id, `Renamed ${user.email}`),
      before: { firstName: user.firstName, lastName: user.lastName },
      after: { firstName, lastName },
    });
  });
}

/** Ends every session of the user, on every instance at their next request; they can sign in again. */
export async function signOutEverywhere(actor: TenantActor, userId: string): Promise<{ endedSessions: number }> {
  const user = await accountTargetOf(actor, userId, "sign out");
  return db().$transaction(async (tx) => {
    const endedSessions = await endAllSessions(tx, user.id);
    await audit(tx, userEntry(actor, user.id, `Signed ${user.email} out everywhere (${endedSessions} sessions)`));
    return { endedSessions };
  });
}

/** Lifts the lock that failed sign-ins put on the account (and forgets the failures counted so far). */
export async function unlockUser(actor: TenantActor, userId: string): Promise<void> {
  const user = await accountTargetOf(actor, userId, "unlock");
  await db().$transaction(async (tx) => {
    const lock = await signInLockState(tx, user.email);
    if (!lock.isLocked) throw new Invalid(`${user.email} is not locked.`);
    await clearSignInLock(tx, user.email);
    await audit(tx, { ...userEntry(actor, user.id, `Unlocked ${user.email} after ${lock.failures} failed sign-ins`), before: { lockedUntil: lock.until?.toISOString() ?? null } });
  });
}

export type ResetDelivery = { delivery: "QUEUED" } | { delivery: "NOT_CONFIGURED"; link: string };

/**
 * An admin sends a user a password reset link (their open ones stop working). With email configured it goes through
 * the outbox; without, the link is answered once, to be handed over like an invitation link (docs/rules.md § Password resets 5).
 */
export async function sendPasswordReset(actor: TenantActor, userId: string, origin: string): Promise<ResetDelivery> {
  const user = await accountTargetOf(actor, userId, "reset the password of");
  if (user.disabled) throw new Invalid(`${user.email} is disabled: enable them first.`);
  return db().$transaction(async (tx) => {
    const issued = await issueReset(tx, user.id, actor.id);
    const emailed = isEmailConfigured();
    if (emailed) await queueResetEmail(tx, user.email, issued, origin, actor.name);
    await audit(tx, userEntry(actor, user.id, emailed ? `Emailed a password reset link to ${user.email}` : `Created a password reset link for ${user.email}`));
    return emailed ? { delivery: "QUEUED" as const } : { delivery: "NOT_CONFIGURED" as const, link: resetLink(issued.token, origin) };
  });
}

export async function setSuperAdmin(actor: TenantActor, userId: string, isSuperAdmin: boolean): Promise<void> {
  if (!actor.isSuperAdmin) throw new Forbidden("Only a superadmin can grant or remove superadmin.");
  if (isSuperAdmin) assertRecentAuthentication(actor);
  const user = await targetOf(actor, userId, isSuperAdmin ? "make superadmin" : "remove superadmin from");
  if (user.superAdmin === isSuperAdmin) return;
  const details = `${isSuperAdmin ? "Granted" : "Removed"} superadmin ${isSuperAdmin ? "to" : "from"} ${user.email}`;
  await updateUserFlag(actor, user.id, "superAdmin", user.superAdmin, isSuperAdmin, details);
}

/** Sets one of the user's global flags and audits it, before and after, in the same transaction. */
async function updateUserFlag(actor: TenantActor, userId: string, flag: "disabled" | "superAdmin", before: boolean, after: boolean, details: string) {
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { [flag]: after } });
    // Disabling signs the user out everywhere, so enabling them again later revives no old cookie.
    if (flag === "disabled" && after) await endAllSessions(tx, userId);
    await audit(tx, flagEntry(actor, userId, flag, before, after, details));
  });
}

function flagEntry(actor: TenantActor, userId: string, flag: "disabled" | "superAdmin", before: boolean, after: boolean, details: string): AuditEntry {
  return { ...userEntry(actor, userId, details), before: { [flag]: before }, after: { [flag]: after } };
}

/** Removes the user's access to this tenant with their group memberships and bindings here; the account stays. */
export async function removeFromTenant(actor: TenantActor, userId: string): Promise<void> {
  assertCan(actor, "TENANT_ACCESS", "DELETE");
  const user = await targetOf(actor, userId, "remove");
  assertRecentAuthentication(actor);
  await db().$transaction(async (tx) => {
    const groups = await tx.groupMembership.findMany({ where: { userId, group: { tenantId: actor.tenantId } }, include: { group: true } });
    const bindings = await tx.binding.findMany({ where: { userId, tenantId: actor.tenantId }, include: { role: true } });
    await tx.groupMembership.deleteMany({ where: { userId, group: { tenantId: actor.tenantId } } });
    await tx.binding.deleteMany({ where: { userId, tenantId: actor.tenantId } });
    await tx.tenantAccess.delete({ where: { tenantId_userId: { tenantId: actor.tenantId, userId } } });
    await audit(tx, {
      tenantId: actor.tenantId,
      actor,
      resourceType: "TENANT_ACCESS",
      resourceId: userId,
      action: "DELETE",
      details: `Removed ${user.email} from the tenant (${groups.length} group memberships, ${bindings.length} bindings)`,
      before: {
        email: user.email,
        groups: groups.map((membership) => membership.group.name),
        bindings: bindings.map((binding) => ({ role: binding.role.name, namespace: binding.namespace })),
      },
      namespaces: TENANT_WIDE,
    });
  });
}

/**
 * "Reset two-factor": removes every second factor and recovery code of the user and ends their sessions, so they sign
 * in with the password alone and set up a new factor (docs/rules.md § Two-factor authentication 8). Account-wide, so
 * ruled like disable: tenant-wide USER:UPDATE, a superadmin for people in other tenants too; needs step-up.
 */
export async function resetTwoFactor(actor: TenantActor, userId: string): Promise<{ removedFactors: number; endedSessions: number }> {
  const user = await accountTargetOf(actor, userId, "reset two-factor authentication of");
  assertRecentAuthentication(actor);
  return db().$transaction(async (tx) => {
    const removedFactors = (await tx.secondFactor.deleteMany({ where: { userId: user.id } })).count;
    if (removedFactors === 0) throw new Invalid(`${user.email} has no two-factor authentication to reset.`);
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    const endedSessions = await endAllSessions(tx, user.id);
    await audit(tx, {
      ...userEntry(actor, user.id, `Reset two-factor authentication of ${user.email} (${removedFactors} factors removed, ${endedSessions} sessions ended)`),
      before: { factors: removedFactors },
      after: { factors: 0 },
    });
    return { removedFactors, endedSessions };
  });
}
