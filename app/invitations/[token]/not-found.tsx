import { lookUpInvitation, requestedToken } from "./invitation-lookup";
import { UnavailableInvitation } from "./unavailable-invitation";

// A dead link answers 404 with the page that says why: invalid, replaced, expired, used, revoked or no longer
// grantable. An expired one offers "Ask for a new link", which sends the token back as its only credential.
export default async function InvitationNotFound() {
  const token = await requestedToken();
  const lookup = token ? await lookUpInvitation(token) : null;
  return <UnavailableInvitation reason={lookup && !lookup.ok ? lookup.reason : "invalid"} token={token ?? undefined} />;
}
