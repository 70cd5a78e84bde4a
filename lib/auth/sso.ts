import "server-only";
import { cookies } from "next/headers";
import { db } from "@/lib/db/client";
import { INVITATION_COOKIE, openInvitationCookie } from "@/lib/auth/invitation-cookie";
import { acceptViaSso, SsoAcceptanceRefused, type SsoIdentity } from "@/lib/iam/invitations/accept-invitation";
import { resolveSsoSignIn } from "@/lib/iam/users/sso-sign-in";
import { ssoClaims } from "@/lib/auth/sso-userinfo";

const PROVIDER = "oidc";

/** The OpenID claims we rely on (ID token, completed from UserInfo); anything else is ignored. Exported for its tests. */
export function identityFrom(subject: string, profile: Record<string, unknown>): SsoIdentity {
  const text = (value: unknown, max = 100) => (typeof value === "string" ? value.trim().slice(0, max) : "");
  const fullName = text(profile.name);
  return {
    provider: PROVIDER,
    subject,
    email: text(profile.email, 254) || null,
    // Only a literal true counts: some providers send "true" strings or omit the claim, which must not link accounts.
    // Microsoft Entra ID never sends email_verified; its optional xms_edov claim (the email's domain is verified by its
    // owner) stands in, only when email_verified is absent, so an explicit false is never overridden.
    isEmailVerified: profile.email_verified === true || (profile.email_verified === undefined && profile.xms_edov === true),
    firstName: text(profile.given_name) || fullName.split(" ")[0] || "",
    lastName: text(profile.family_name) || fullName.split(" ").slice(1).join(" "),
  };
}

/**
 * The signIn callback's decision: true, or the path of the page explaining the refusal. `profile` is the ID token's
 * claims; when they name no email, the provider's UserInfo endpoint is asked with `accessToken` (OIDC Core 5.4).
 */
export async function decideSsoSignIn(subject: string, profile: Record<string, unknown>, accessToken: string | undefined): Promise<true | string> {
  const jar = await cookies();
  const invitationId = openInvitationCookie(jar.get(INVITATION_COOKIE)?.value);
  if (jar.has(INVITATION_COOKIE)) jar.delete({ name: INVITATION_COOKIE, path: "/api/auth" });
  const claims = await ssoClaims(subject, profile, accessToken);
  if (!claims.ok) return invitationId ? `/invitations/sso-refused?reason=${claims.reason}` : `/login?error=${claims.reason}`;
  const identity = identityFrom(subject, claims.claims);
  if (invitationId) {
    try {
      await acceptViaSso(invitationId, identity);
      return true;
    } catch (error) {
      if (error instanceof SsoAcceptanceRefused) return `/invitations/sso-refused?reason=${error.reason}`;
      throw error;
    }
  }
  const result = await resolveSsoSignIn(identity);
  return result.ok ? true : `/login?error=${result.reason}`;
}

export async function userIdForSsoAccount(subject: string): Promise<string | undefined> {
  const account = await db().account.findUnique({ where: { provider_providerAccountId: { provider: PROVIDER, providerAccountId: subject } } });
  return account?.userId;
}
