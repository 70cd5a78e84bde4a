import { Forbidden } from "@/lib/iam/errors";

// Step-up (docs/rules.md § Two-factor authentication 5): the actions that change who can do what at the highest level
// (factors, Admin and superadmin grants, removing people, resetting another person's factors) need the actor to have
// proved who they are within the last ten minutes. The console then asks for the password or a factor and retries.

export const STEP_UP_WINDOW_MS = 10 * 60_000;

export class StepUpRequired extends Forbidden {
  constructor() {
    super("Confirm it's you to continue.");
  }
}

export function hasRecentAuthentication(actor: { authenticatedAt?: Date }, now = new Date()): boolean {
  const at = actor.authenticatedAt?.getTime();
  return at !== undefined && now.getTime() - at < STEP_UP_WINDOW_MS && at <= now.getTime() + 60_000;
}

export function assertRecentAuthentication(actor: { authenticatedAt?: Date }, now = new Date()): void {
  if (!hasRecentAuthentication(actor, now)) throw new StepUpRequired();
}

type PermissionSet = Partial<Record<string, readonly string[]>>;

/**
 * Whether a role hands out access (creates bindings or defines roles): the managed Admin role and any custom role
 * like it. Granting one is "granting Admin" for step-up.
 */
export function isAdministrativeRole(permissions: PermissionSet): boolean {
  return Boolean(permissions.BINDING?.includes("CREATE") || permissions.ROLE?.includes("CREATE") || permissions.ROLE?.includes("UPDATE"));
}

/** Whether access about to be granted (an invitation's, a new user's) includes superadmin or an administrative role. */
export function grantsAdministration(access: {
  superAdmin: boolean;
  role?: { permissions: PermissionSet };
  groups: { bindings: { permissions: PermissionSet }[] }[];
}): boolean {
  return (
    access.superAdmin ||
    (access.role !== undefined && isAdministrativeRole(access.role.permissions)) ||
    access.groups.some((group) => group.bindings.some((binding) => isAdministrativeRole(binding.permissions)))
  );
}
