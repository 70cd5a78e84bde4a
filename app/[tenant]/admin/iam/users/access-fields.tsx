"use client";

import { useId } from "react";
import { CheckboxList } from "@/components/ui/checkbox-list";
import { SelectField } from "@/components/ui/select-field";
import type { accessSchema } from "@/lib/iam/invitations/invitation-schemas";
import type { z } from "zod";

export type AccessDraft = z.input<typeof accessSchema>;

export interface AccessChoices {
  groups: { id: string; name: string }[];
  roles: { id: string; name: string }[];
  namespaces: string[];
  canInviteIntoGroups: boolean;
  /** False for namespace-scoped admins: they must restrict the role to their namespaces. */
  isTenantWide: boolean;
}

export function emptyAccess(mode: AccessDraft["mode"]): AccessDraft {
  return mode === "GROUP" ? { mode, groupIds: [] } : { mode, roleId: "", namespaces: [] };
}

/** Field errors under `access` as react-hook-form nests them (`access.roleId`, `access.namespaces.0`, …). */
export function accessErrors(errors: unknown): Record<"groupIds" | "roleId" | "namespaces", string[] | undefined> {
  const messages = (value: unknown): string[] => {
    if (!value || typeof value !== "object") return [];
    const own = "message" in value && typeof value.message === "string" ? [value.message] : [];
    const nested = Array.isArray(value) ? value.flatMap(messages) : [];
    return [...own, ...nested];
  };
  const at = (key: string) => {
    const found = errors && typeof errors === "object" ? messages((errors as Record<string, unknown>)[key]) : [];
    return found.length ? [...new Set(found)] : undefined;
  };
  return { groupIds: at("groupIds"), roleId: at("roleId"), namespaces: at("namespaces") };
}

interface AccessFieldsProps extends AccessChoices {
  value: AccessDraft;
  onChange: (value: AccessDraft) => void;
  errors: unknown;
}

/** What an invitation grants: groups, or one role optionally restricted to namespaces (docs/rules.md § Invitations). */
export function AccessFields({ value, onChange, errors, groups, roles, namespaces, canInviteIntoGroups, isTenantWide }: AccessFieldsProps) {
  const id = useId();
  const fieldErrors = accessErrors(errors);
  return (
    <div className="space-y-4">
      <div role="radiogroup" aria-labelledby={`${id}-label`} className="space-y-2">
        <p id={`${id}-label`} className="text-sm font-medium text-slate-800">
          Give access through
        </p>
        <div className="flex gap-6">
          {(["GROUP", "ROLE"] as const).map((mode) => (
            <label key={mode} className="flex cursor-pointer items-center gap-2 text-sm text-slate-800">
              <input
                type="radio"
                name={`${id}-mode`}
                value={mode}
                checked={value.mode === mode}
                onChange={() => onChange(emptyAccess(mode))}
                className="size-4 accent-brand-600"
              />
              {mode === "GROUP" ? "Group" : "Role"}
            </label>
          ))}
        </div>
      </div>
      {value.mode === "GROUP" ? (
        <CheckboxList
          label="Groups"
          hint="They become a member of each group and get the roles bound to it."
          options={groups.map((group) => ({ value: group.id, label: group.name }))}
          value={value.groupIds}
          onChange={(groupIds) => onChange({ mode: "GROUP", groupIds })}
          errors={fieldErrors.groupIds}
          emptyText={canInviteIntoGroups ? "No groups yet: create one on the Groups tab, or choose a role." : "Inviting into groups needs tenant-wide rights: choose a role instead."}
        />
      ) : (
        <>
          <SelectField
            label="Role"
            placeholder="Choose a role"
            options={roles.map((role) => ({ value: role.id, label: role.name }))}
            value={value.roleId}
            onChange={(event) => onChange({ ...value, roleId: event.target.value })}
            errors={fieldErrors.roleId}
          />
          <CheckboxList
            label="Namespaces"
            hint={
              isTenantWide
                ? "Optional. Leave all unchecked to grant the role tenant-wide. A namespace includes everything below it."
                : "Choose at least one: you can invite only within your namespaces. A namespace includes everything below it."
            }
            options={namespaces.map((name) => ({ value: name, label: name }))}
            value={value.namespaces ?? []}
            onChange={(selected) => onChange({ ...value, namespaces: selected })}
            errors={fieldErrors.namespaces}
            emptyText={isTenantWide ? "No namespaces yet: the role will apply tenant-wide." : "You can't invite into any namespace."}
          />
        </>
      )}
    </div>
  );
}
