import { hashToken, newToken } from "@/lib/iam/invitations/invitation-tokens";
import { randomBytes } from "node:crypto";
import type { CreateAccountInput } from "@/lib/iam/users/account-schemas";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { db } from "@/lib/db/client";
import { loadPrincipal } from "@/lib/iam/authz/grants";
import { nameKeys } from "@/lib/iam/names/look-alikes";
import { MANAGED_ROLES } from "@/lib/iam/authz/permissions";

// Arrange-helpers for integration tests: each test file builds its own tenant so files never collide.

export const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString("hex")}`;

export async function createTenant(namespaces = ["company", "company.team", "company.team.data", "other"], id = unique("t")) {
  await db().tenant.create({ data: { id, name: id } });
  // With their look-alike keys, as the seed creates them, so a custom "Ａｄｍｉｎ" is refused here too.
  await db().role.createMany({ data: MANAGED_ROLES.map((role) => ({ tenantId: id, isManaged: true, ...role, ...nameKeys(role.name) })) });
  await db().namespace.createMany({ data: namespaces.map((name) => ({ tenantId: id, name })) });
  return id;
}

export async function createMember(tenantId: string, options: { superAdmin?: boolean; email?: string } = {}) {
  return db().user.create({
    data: {
      email: options.email ?? `${unique("user")}@test.example`,
      firstName: "Test",
      lastName: "User",
      superAdmin: options.superAdmin ?? false,
      accesses: { create: { tenantId } },
    },
  });
}

export async function roleId(tenantId: string, name: string): Promise<string> {
  return (await db().role.findFirstOrThrow({ where: { tenantId, name } })).id;
}

export async function bind(tenantId: string, userId: string, roleName: string, namespace: string | null = null) {
  await db().binding.create({ data: { tenantId, type: "USER", userId, roleId: await roleId(tenantId, roleName), namespace } });
}

export async function actorFor(userId: string, tenantId: string): Promise<TenantActor> {
  const user = await db().user.findUniqueOrThrow({ where: { id: userId } });
  const principal = await loadPrincipal(db(), userId, tenantId);
  // Signed in just now, as far as step-up is concerned (lib/iam/mfa/step-up.ts): its own tests age it on purpose.
  return { id: user.id, email: user.email, name: user.email, isSuperAdmin: user.superAdmin, tenantId, principal: principal!, authenticatedAt: new Date() };
}

/** A superadmin who is not a member of the tenant (so lists and counts of its members are unchanged). */
export async function superAdminActor(tenantId: string): Promise<TenantActor> {
  const user = await db().user.create({ data: { email: `${unique("superadmin")}@test.example`, superAdmin: true } });
  return actorFor(user.id, tenantId);
}

export async function auditCount(tenantId: string, resourceType?: string) {
  return db().auditLog.count({ where: { tenantId, ...(resourceType ? { resourceType } : {}) } });
}

export interface InvitationOptions {
  email?: string;
  role?: { name: string; namespaces?: string[] };
  groupIds?: string[];
  expiresAt?: Date;
  acceptedAt?: Date;
  revokedAt?: Date;
  invitedById?: string | null;
  requireMfa?: boolean;
}

/** An invitation as the invite flow stores it: only the token's hash, plus its groups and role. */
export async function insertInvitation(tenantId: string, inviterId: string | null, options: InvitationOptions = {}) {
  const token = newToken();
  const email = options.email ?? `${unique("invitee")}@accept.test`;
  const invitation = await db().invitation.create({
    data: {
      tenantId,
      email,
      tokenHash: hashToken(token),
      invitedById: options.invitedById === undefined ? inviterId : options.invitedById,
      expiresAt: options.expiresAt ?? new Date(Date.now() + 7 * 24 * 60 * 60 * 1000),
      acceptedAt: options.acceptedAt,
      revokedAt: options.revokedAt,
      requireMfa: options.requireMfa ?? false,
      // What the invitation concerns, by the rule of lib/iam/authz/concerns.ts: its role's namespaces, unless it grants groups.
      namespaces: options.groupIds?.length ? [] : [...new Set(options.role?.namespaces ?? [])].sort(),
      groups: options.groupIds ? { create: options.groupIds.map((id) => ({ groupId: id })) } : undefined,
      roles: options.role
        ? { create: [{ roleId: await roleId(tenantId, options.role.name), namespaces: options.role.namespaces ?? [] }] }
        : undefined,
    },
  });
  return { token, email, invitationId: invitation.id };
}

export const GOOD_PASSWORD = "correct horse battery staple";

/** The accept page's "Create account" form, filled in well unless told otherwise. */
export const account = (overrides: Partial<CreateAccountInput> = {}): CreateAccountInput => ({
  firstName: "Ada",
  lastName: "Lovelace",
  password: GOOD_PASSWORD,
  confirmPassword: GOOD_PASSWORD,
  ...overrides,
});
