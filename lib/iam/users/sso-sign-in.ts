import "server-only";
import { normalizeEmail } from "@/lib/iam/normalize-email";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import type { SsoIdentity } from "@/lib/iam/invitations/accept-invitation";
import { audit } from "@/lib/iam/audit/write-audit";
import { TENANT_WIDE } from "@/lib/iam/authz/concerns";

export type SsoSignIn = { ok: true; userId: string } | { ok: false; reason: "unknown-user" | "unverified-email" | "disabled" | "default-role-missing" };

/**
 * Sign-in via SSO outside an invitation: a linked account, or an existing user whose *verified* email matches
 * (linked on first use). Unknown people are refused — no open sign-up — unless AUTH_OIDC_DEFAULT_ROLE is set.
 */
export async function resolveSsoSignIn(identity: SsoIdentity): Promise<SsoSignIn> {
  const linked = await db().account.findUnique({
    where: { provider_providerAccountId: { provider: identity.provider, providerAccountId: identity.subject } },
    include: { user: true },
  });
  if (linked) return signedIn(linked.user);
  if (!identity.email || !identity.isEmailVerified) return { ok: false, reason: "unverified-email" };
  const email = normalizeEmail(identity.email);

  const existing = await db().user.findUnique({ where: { email } });
  if (existing) {
    if (existing.disabled) return { ok: false, reason: "disabled" };
    await db().$transaction(async (tx) => {
      await tx.account.create({ data: { userId: existing.id, provider: identity.provider, providerAccountId: identity.subject } });
      await audit(tx, {
        tenantId: null,
        actor: { id: existing.id, email: existing.email },
        resourceType: "USER",
        resourceId: existing.id,
        action: "UPDATE",
        details: `Linked ${identity.provider} account to ${existing.email} at first SSO sign-in`,
        after: { provider: identity.provider },
        namespaces: TENANT_WIDE,
      });
    });
    return signedIn(existing);
  }
  return createWithDefaultRole(identity, email);
}

async function signedIn(user: { id: string; disabled: boolean }): Promise<SsoSignIn> {
  if (user.disabled) return { ok: false, reason: "disabled" };
  await db().user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { ok: true, userId: user.id };
}

async function createWithDefaultRole(identity: SsoIdentity, email: string): Promise<SsoSignIn> {
  const { AUTH_OIDC_DEFAULT_ROLE: roleName, AUTH_OIDC_DEFAULT_TENANT: tenantId = "main" } = config();
  if (!roleName) return { ok: false, reason: "unknown-user" };
  const role = await db().role.findFirst({ where: { tenantId, name: roleName } });
  if (!role) {
    console.error(`[sso] AUTH_OIDC_DEFAULT_ROLE "${roleName}" does not exist in tenant "${tenantId}"`);
    return { ok: false, reason: "default-role-missing" };
  }
  const user = await db().$transaction(async (tx) => {
    const created = await tx.user.create({
      data: {
        email,
        firstName: identity.firstName,
        lastName: identity.lastName,
        lastLoginAt: new Date(),
        accounts: { create: { provider: identity.provider, providerAccountId: identity.subject } },
        accesses: { create: { tenantId } },
        bindings: { create: { tenantId, type: "USER", roleId: role.id } },
      },
    });
    await audit(tx, {
      tenantId,
      actor: { id: created.id, email: created.email },
      resourceType: "USER",
      resourceId: created.id,
      action: "CREATE",
      details: `Created ${email} at first SSO sign-in with the default role ${role.name} (AUTH_OIDC_DEFAULT_ROLE)`,
      after: { email, role: role.name, tenant: tenantId },
      namespaces: TENANT_WIDE,
    });
    return created;
  });
  return { ok: true, userId: user.id };
}
