import type { Principal } from "@/lib/iam/authz/engine";

/** Who is acting, as every authorization decision sees them: read fresh from the database per request by the caller. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  isSuperAdmin: boolean;
}

/**
 * The actor as signed in through the console: which session record they act from (lib/auth/sessions.ts), so their
 * own account's functions can tell "this session" from the others, and whether they must choose a new password first.
 */
export interface SessionActor extends Actor {
  sessionId: string;
  mustChangePassword: boolean;
}

/** The actor inside one tenant: who they are plus every grant they hold there. Every domain read and write takes one. */
export interface TenantActor extends Actor {
  tenantId: string;
  principal: Principal;
}
