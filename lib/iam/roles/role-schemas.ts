import { z } from "zod";
import { refuseMixedScripts } from "@/lib/iam/names/mixed-scripts";
import { ACTIONS, PERMISSIONS, type Action, type Permission, type PermissionSet } from "@/lib/iam/authz/permissions";

// Shared by the role form (zodResolver) and its server actions; lib/iam/roles/role-writes.ts parses again before writing,
// so whatever reaches the database is in the canonical shape below.

export const ROLE_NAME_MAX = 100;
export const ROLE_DESCRIPTION_MAX = 500;

/** Control and invisible format characters (zero-width joiners, bidi overrides) make look-alike names. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/u;
const INVISIBLE_EXCEPT_NEWLINES = /[\p{Cf}\p{Cs}\p{Co}\p{Cn}\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/u;

const actionsSchema = z.array(z.enum(ACTIONS)).max(ACTIONS.length, "Each permission has at most four actions").optional();
const permissionShape = Object.fromEntries(PERMISSIONS.map((permission) => [permission, actionsSchema])) as Record<
  Permission,
  typeof actionsSchema
>;

/**
 * `{ PERMISSION: ACTION[] }` with only known keys and actions (unknown ones, `__proto__` included, are refused,
 * not dropped). Normalised: permissions in the order of PERMISSIONS, actions in CREATE/READ/UPDATE/DELETE order,
 * no duplicates, no empty arrays — so equal sets are stored, audited and compared identically.
 */
export const permissionSetSchema = z
  .strictObject(permissionShape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `Unknown permission: ${issue.keys.slice(0, 3).map((key) => key.slice(0, 40)).join(", ")}${issue.keys.length > 3 ? "…" : ""}`
        : "Permissions must be a list of actions per permission",
  })
  .transform(normalizePermissions)
  .refine((permissions) => Object.keys(permissions).length > 0, "Choose at least one permission");

export function normalizePermissions(input: Partial<Record<Permission, readonly Action[] | undefined>>): PermissionSet {
  const normalized: PermissionSet = {};
  for (const permission of PERMISSIONS) {
    const granted = input[permission] ?? [];
    const actions = ACTIONS.filter((action) => granted.includes(action));
    if (actions.length) normalized[permission] = actions;
  }
  return normalized;
}

export const roleSchema = z.object({
  name: z
    .string()
    .trim()
    .normalize("NFC")
    .min(1, "Enter a name")
    .max(ROLE_NAME_MAX, `A role name has at most ${ROLE_NAME_MAX} characters`)
    .refine((name) => !INVISIBLE.test(name), "Remove control or invisible characters from the name")
    .superRefine(refuseMixedScripts),
  description: z
    .string()
    .trim()
    .max(ROLE_DESCRIPTION_MAX, `A description has at most ${ROLE_DESCRIPTION_MAX} characters`)
    .refine((description) => !INVISIBLE_EXCEPT_NEWLINES.test(description), "Remove control or invisible characters from the description")
    .default(""),
  permissions: permissionSetSchema,
});

export type RoleFormValues = z.input<typeof roleSchema>;
export type RoleInput = z.output<typeof roleSchema>;

export const roleIdSchema = z.uuid("That role doesn't exist");
