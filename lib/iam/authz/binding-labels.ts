// How a role a user holds is named wherever it is listed (the Users tab, the user page, the effective permissions, the
// Invite dialog's preview), so the same binding reads the same everywhere. Pure: shared by server and browser.

/** A role as someone holds it: where it applies (null = tenant-wide) and the group it comes through (null = direct). */
export interface HeldRole {
  role: string;
  namespace: string | null;
  via: { id: string; name: string } | null;
}

/** "on company.team", or "tenant-wide" for a binding with no namespace (docs/rules.md § Permissions 5). */
export function whereLabel(namespace: string | null): string {
  return namespace ? `on ${namespace}` : "tenant-wide";
}

/** "Viewer on company.team", "Viewer on company · via Data team": a direct binding needs no word of its own in a list. */
export function heldRoleLabel({ role, namespace, via }: HeldRole): string {
  return `${role} ${whereLabel(namespace)}${via ? ` · via ${via.name}` : ""}`;
}

/** "Viewer on company · direct", "Viewer on company · via Data team": what grants one cell of a permission matrix. */
export function grantSourceLabel({ role, namespace, via }: HeldRole): string {
  return `${role} ${whereLabel(namespace)} · ${via ? `via ${via.name}` : "direct"}`;
}
