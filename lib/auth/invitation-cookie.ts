import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { config } from "@/lib/config";

// Carries "which invitation" through the SSO round trip without the raw token: the cookie names the invitation id,
// is HMAC-signed with AUTH_SECRET, httpOnly, and expires in ten minutes.
export const INVITATION_COOKIE = "iam_sso_invitation";
export const INVITATION_COOKIE_MAX_AGE = 600;

function sign(payload: string): string {
  const secret = config().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is required to sign the SSO invitation cookie.");
  return createHmac("sha256", secret).update(payload).digest("base64url");
}

export function sealInvitationId(invitationId: string, now = Date.now()): string {
  const payload = `${invitationId}.${now + INVITATION_COOKIE_MAX_AGE * 1000}`;
  return `${payload}.${sign(payload)}`;
}

export function openInvitationCookie(value: string | undefined, now = Date.now()): string | null {
  if (!value || value.length > 200) return null;
  const parts = value.split(".");
  if (parts.length !== 3) return null;
  const [invitationId, expiresAt, signature] = parts;
  const expected = Buffer.from(sign(`${invitationId}.${expiresAt}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return Number(expiresAt) > now ? invitationId : null;
}
