import "server-only";
import { randomBytes } from "node:crypto";
import { ssoConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { assertCan } from "@/lib/iam/authz/assert-can";
import { can } from "@/lib/iam/authz/engine";
import { TENANT_WIDE } from "@/lib/iam/authz/concerns";
import { audit } from "@/lib/iam/audit/write-audit";
import { Conflict, Invalid } from "@/lib/iam/errors";
import { grantableAccess, lockAddresses } from "@/lib/iam/invitations/create-invitation";
import { inviteRights } from "@/lib/iam/invitations/invite-choices";
import { applyAccess, describeAccess } from "@/lib/iam/invitations/invitation-access";
import { parseInput } from "@/lib/iam/parse-input";
import { hashPassword } from "@/lib/iam/passwords/password-hashing";
import { createUserSchema } from "@/lib/iam/users/account-schemas";

const SSO_UNAVAILABLE = "Single sign-on isn't configured here: give them a one-time password instead.";

export interface CreatedUser {
  userId: string;
  email: string;
  /** Shown once to the admin, never stored (only its argon2id hash): the person must replace it at first sign-in. */
  oneTimePassword?: string;
}

/**
 * Whether the Users tab offers "Create user": tenant-wide USER:CREATE, and a right to grant access (the dialog's
 * pickers are the Invite dialog's, and the access is checked as an invitation's).
 */
export function mayCreateUsers(actor: TenantActor): boolean {
  return can(actor.principal, "USER", "CREATE", { tenant: actor.tenantId }) && inviteRights(actor).canInvite;
}

/**
 * Kestra's "skip invitation" (docs/rules.md § Accounts 9): an account with access, created at once. Needs tenant-wide
 * USER:CREATE, and the access is checked exactly as an invitation's (`grantableAccess`: what the actor holds, where).
 * An existing account is a conflict: it gets access through an invitation or its page, never a second account.
 * "Single sign-on only" needs SSO configured (`ssoAvailable`, read from the configuration unless a test says):
 * otherwise the account could never sign in.
 */
export async function createUserDirectly(actor: TenantActor, input: unknown, { ssoAvailable = ssoConfig() !== null } = {}): Promise<CreatedUser> {
  assertCan(actor, "USER", "CREATE");
  const data = parseInput(createUserSchema, input);
  if (data.signIn === "SSO" && !ssoAvailable) {
    throw new Invalid(SSO_UNAVAILABLE, { signIn: [SSO_UNAVAILABLE] });
  }
  // 16 characters of base64url (96 bits): meets the policy's length, contains no email and is never a common password.
  const oneTimePassword = data.signIn === "ONE_TIME_PASSWORD" ? randomBytes(12).toString("base64url") : undefined;
  const passwordHash = oneTimePassword ? await hashPassword(oneTimePassword) : null;
  return db().$transaction(async (tx) => {
    // The invite flow's address lock: a racing invite or create of the same address waits, then sees this account.
    await lockAddresses(tx, actor.tenantId, [data.email]);
    const access = await grantableAccess(tx, actor, data.access, data.superAdmin);
    if (await tx.user.findUnique({ where: { email: data.email }, select: { id: true } })) {
      throw new Conflict(`An account with ${data.email} already exists: invite it, or give it access from its page.`);
    }
    const user = await tx.user.create({
      data: { email: data.email, firstName: data.firstName, lastName: data.lastName, passwordHash, mustChangePassword: passwordHash !== null },
      select: { id: true, email: true },
    });
    await applyAccess(tx, actor.tenantId, user.id, access);
    await audit(tx, {
      tenantId: actor.tenantId,
      actor,
      resourceType: "USER",
      resourceId: user.id,
      action: "CREATE",
      details: `Created ${user.email} directly (${describeAccess(access)}; ${oneTimePassword ? "one-time password" : "single sign-on only"})`,
      after: { email: user.email, access: describeAccess(access), signIn: data.signIn },
      namespaces: TENANT_WIDE,
    });
    return { userId: user.id, email: user.email, oneTimePassword };
  });
}
