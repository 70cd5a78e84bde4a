"use server";

import { cookies } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import { signIn } from "@/lib/auth/auth";
import { INVITATION_COOKIE, INVITATION_COOKIE_MAX_AGE, sealInvitationId } from "@/lib/auth/invitation-cookie";
import { config } from "@/lib/config";
import { InvitationUnavailable, viewInvitation } from "@/lib/iam/invitations/accept-invitation";

/**
 * "Continue with SSO" on the accept page. The raw token stays out of the round trip: a short-lived, signed, httpOnly
 * cookie names the invitation, and the signIn callback accepts it once the provider vouches for the email.
 */
export async function continueWithSsoAction(token: string): Promise<void> {
  try {
    const invitation = await viewInvitation(typeof token === "string" ? token.slice(0, 100) : "");
    (await cookies()).set(INVITATION_COOKIE, sealInvitationId(invitation.id), {
      httpOnly: true,
      sameSite: "lax",
      secure: config().APP_URL?.startsWith("https://") ?? false,
      path: "/api/auth",
      maxAge: INVITATION_COOKIE_MAX_AGE,
    });
    await signIn("oidc", { redirectTo: `/${invitation.tenantId}` });
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof InvitationUnavailable) redirect(`/invitations/sso-refused?reason=${error.reason}`);
    throw error;
  }
}
