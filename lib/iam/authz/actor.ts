import type { Principal } from "@/lib/iam/authz/engine";

/** Who is acting, as every authorization decision sees them: read fresh from the database per request by the caller. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  isSuperAdmin: boolean;
  /**
   * When the actor last proved who they are (sign-in, second factor or step-up; lib/iam/mfa/step-up.ts). Absent:
   * unknown, so the actions that need a recent authentication ask for one.
   */
  authenticatedAt?: Date;
}

/**
 * The actor as signed in through the console: which session record they act from (lib/auth/sessions.ts), so their
 * own account's functions can tell "this session" from the others, and whether they must choose a new password first.
 */
export interface SessionActor extends Actor {
  sessionId: string;
  mustChangePassword: boolean;
  /** How this session was authenticated (lib/iam/mfa/amr.ts): "password" or "sso", then the second factors used. */
  amr: string[];
}

/** The actor inside one tenant: who they are plus every grant they hold there. Every domain read and write takes one. */
export interface TenantActor extends Actor {
  tenantId: string;
  principal: Principal;
}
