import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { InvitationUnavailable, viewInvitation, type InvitationView, type UnavailableReason } from "@/lib/iam/invitations/accept-invitation";

export type InvitationLookup = { ok: true; invitation: InvitationView } | { ok: false; reason: UnavailableReason };

/** Once per request: the page and its not-found boundary (which gets no params) share the answer. */
export const lookUpInvitation = cache(async (token: string): Promise<InvitationLookup> => {
  try {
    return { ok: true, invitation: await viewInvitation(token) };
  } catch (error) {
    if (error instanceof InvitationUnavailable) return { ok: false, reason: error.reason };
    throw error;
  }
});

/** The token of the link being served, from the path proxy.ts hands on (not-found files receive no params). */
export async function requestedToken(): Promise<string | null> {
  const path = (await headers()).get("x-request-path") ?? "";
  const match = /^\/invitations\/([^/?#]*)/.exec(path);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}
