"use client";

import { useId } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { effectivePermissions, type HeldBinding } from "@/lib/iam/authz/effective-permissions";
import { summarizeRows } from "@/lib/iam/authz/permission-summary";
import type { InviteChoices } from "@/lib/iam/invitations/invite-choices";
import type { AccessDraft } from "./access-fields";

/** The form AccessPreview reads: the invite form's `access` and `superAdmin`. */
type PreviewForm = { access: AccessDraft; superAdmin?: boolean };

/** The bindings the drafted invitation would give: each chosen group's, or the role on each chosen namespace (none: tenant-wide). */
function draftedBindings(access: AccessDraft | undefined, { groups, roles }: Pick<InviteChoices, "groups" | "roles">): HeldBinding[] {
  if (access?.mode === "GROUP") {
    const chosen = new Set(access.groupIds ?? []);
    return groups
      .filter((group) => chosen.has(group.id))
      .flatMap((group) =>
        group.bindings.map((binding) => ({ id: binding.id, role: binding.role.name, namespace: binding.namespace, via: { id: group.id, name: group.name }, permissions: binding.role.permissions })),
      );
  }
  const role = access?.mode === "ROLE" ? roles.find((offered) => offered.id === access.roleId) : undefined;
  if (!role || access?.mode !== "ROLE") return [];
  const namespaces: (string | null)[] = access.namespaces?.length ? access.namespaces : [null];
  return namespaces.map((namespace) => ({ id: `${role.id}:${namespace ?? ""}`, role: role.name, namespace, via: null, permissions: role.permissions }));
}

interface AccessPreviewProps extends Pick<InviteChoices, "groups" | "roles"> {
  /** False for namespace-scoped admins, who must choose namespaces (the preview does not pretend tenant-wide). */
  isTenantWide: boolean;
}

/**
 * "Will be able to: …" under the Invite dialog's pickers: what the chosen groups or role would let the invitee do,
 * per namespace, computed here from the choices the dialog already holds by the same rules as the user page's
 * effective permissions. The server still decides what may be granted.
 */
export function AccessPreview({ groups, roles, isTenantWide }: AccessPreviewProps) {
  const id = useId();
  const { control } = useFormContext<PreviewForm>();
  const access = useWatch({ control, name: "access" });
  const superAdmin = useWatch({ control, name: "superAdmin" });
  const needsNamespace = !isTenantWide && access?.mode === "ROLE" && !access.namespaces?.length;
  const scopes = needsNamespace ? [] : effectivePermissions(draftedBindings(access, { groups, roles }));
  const chosen = access?.mode === "GROUP" ? Boolean(access.groupIds?.length) : Boolean(access?.mode === "ROLE" && access.roleId);

  let lines: { where: string; what: string }[];
  if (superAdmin) lines = [{ where: "Everywhere", what: "everything, in every tenant (superadmin)" }];
  else lines = scopes.map((scope) => ({ where: scope.namespace ? `In ${scope.namespace}` : "Tenant-wide", what: summarizeRows(scope.rows) }));

  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
      <p id={id} className="font-medium text-slate-800">
        Will be able to
      </p>
      {lines.length ? (
        <ul aria-labelledby={id} className="mt-1 space-y-1 text-slate-700">
          {lines.map((line) => (
            <li key={line.where}>
              <span className="font-medium">{line.where}:</span> {line.what}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-slate-600">
          {needsNamespace
            ? "Choose a namespace to see what the role allows there."
            : chosen
              ? "Nothing beyond signing in to this tenant: the chosen groups have no roles."
              : "Choose a group or a role to see what they will be able to do."}
        </p>
      )}
    </div>
  );
}
