// Where a role is used, as the role page and the delete refusal show it. Shared with client components, so not
// server-only: lib/iam/roles/role-writes.ts (roleUsage) fills it.

/** How many bindings and invitations a role's usage lists; the counts say how many there are in all... */
export const ROLE_USAGE_SHOWN = 50;
/** ...up to this many: beyond it a count says "more than", so a page view never counts 100,000 rows. */
export const ROLE_USAGE_COUNT_CAP = 10_000;

/** Where a role is in use. Open invitations (neither accepted nor revoked) count: an expired one can be resent. */
export interface RoleUsage {
  /** The first ROLE_USAGE_SHOWN bindings (users, then groups, oldest first)... */
  bindings: { id: string; subject: "USER" | "GROUP"; label: string; namespace: string | null }[];
  /** ...of this many (ROLE_USAGE_COUNT_CAP + 1 meaning "more than the cap"): a managed role may be bound to every user. */
  bindingCount: number;
  /** The first ROLE_USAGE_SHOWN open (pending or expired) invitations by email... */
  invitations: { id: string; email: string; status: "PENDING" | "EXPIRED" }[];
  /** ...of this many (capped alike). */
  invitationCount: number;
}
