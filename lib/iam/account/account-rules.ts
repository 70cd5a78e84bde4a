import { Forbidden } from "@/lib/iam/errors";
import type { SessionActor } from "@/lib/iam/authz/actor";

// Shared by the account's domain functions and the request layer (docs/rules.md § Accounts).

export const MUST_CHANGE_PASSWORD = "Choose a new password before you continue.";

/** Someone who must change their password may do that and nothing else (docs/rules.md § Accounts 6). */
export function assertPasswordChangeNotPending(actor: SessionActor): void {
  if (actor.mustChangePassword) throw new Forbidden(MUST_CHANGE_PASSWORD);
}
