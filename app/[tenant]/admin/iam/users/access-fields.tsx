"use client";

import { useEffect, useId } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { CheckboxList } from "@/components/ui/checkbox-list";
import { FormField } from "@/components/ui/form";
import { ComboboxField } from "@/components/ui/combobox-field";
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

/** The form AccessFields sits in: the invite forms, whose `access` it edits. */
type AccessForm = { access: AccessDraft };

/**
 * What an invitation grants: groups, or one role optionally restricted to namespaces (docs/rules.md § Invitations). Edits `access` of the
 * enclosing <Form>; each picker shows its own errors (`access.groupIds`, `access.roleId`, `access.namespaces`).
 */
export function AccessFields({ groups, roles, namespaces, canInviteIntoGroups, isTenantWide }: AccessChoices) {
  const id = useId();
  const { control, setValue, clearErrors, getFieldState } = useFormContext<AccessForm>();
  const mode = useWatch({ control, name: "access.mode" });
  // A tenant without groups starts on a role: the Group choice would offer nothing to pick. Only while untouched,
  // so someone who chose Group on purpose keeps it (and reads why it is empty).
  const hasNoGroups = groups.length === 0;
  useEffect(() => {
    if (mode === "GROUP" && hasNoGroups && !getFieldState("access").isDirty) setValue("access", emptyAccess("ROLE"));
  }, [mode, hasNoGroups, getFieldState, setValue]);
  // A new mode starts the access over, without the old mode's errors; the new pickers are checked at the next submit.
  const switchTo = (next: AccessDraft["mode"]) => {
    setValue("access", emptyAccess(next), { shouldDirty: true });
    clearErrors("access");
  };
  return (
    <div className="space-y-4">
      <div role="radiogroup" aria-labelledby={`${id}-label`} className="space-y-2">
        <p id={`${id}-label`} className="text-sm font-medium text-slate-800">
          Give access through
        </p>
        <div className="flex gap-6">
          {(["GROUP", "ROLE"] as const).map((option) => (
            <label key={option} className="flex cursor-pointer items-center gap-2 text-sm text-slate-800">
              <input
                type="radio"
                name={`${id}-mode`}
                value={option}
                checked={option === mode}
                onChange={() => switchTo(option)}
                className="size-4 accent-brand-600"
              />
              {option === "GROUP" ? "Group" : "Role"}
            </label>
          ))}
        </div>
      </div>
      {mode === "GROUP" ? (
        <FormField
          control={control}
          name="access.groupIds"
          render={({ field }) => (
            <CheckboxList
              label="Groups"
              hint="They become a member of each group and get the roles bound to it."
              options={groups.map((group) => ({ value: group.id, label: group.name }))}
              value={field.value ?? []}
              onChange={field.onChange}
              emptyText={canInviteIntoGroups ? "No groups yet: create one on the Groups tab, or choose a role." : "Inviting into groups needs tenant-wide rights: choose a role instead."}
            />
          )}
        />
      ) : (
        <>
          <FormField
            control={control}
            name="access.roleId"
            render={({ field }) => (
              // No ref for react-hook-form: a refused invite leaves focus where it was rather than on the pickers.
              <ComboboxField
                label="Role"
                placeholder="Choose a role"
                options={roles.map((role) => ({ value: role.id, label: role.name }))}
                value={field.value ?? ""}
                onChange={field.onChange}
                onBlur={field.onBlur}
                emptyText="No role matches."
              />
            )}
          />
          <FormField
            control={control}
            name="access.namespaces"
            render={({ field }) => (
              <CheckboxList
                label="Namespaces"
                hint={
                  isTenantWide
                    ? "Optional. Leave all unchecked to grant the role tenant-wide. A namespace includes everything below it."
                    : "Choose at least one: you can invite only within your namespaces. A namespace includes everything below it."
                }
                options={namespaces.map((name) => ({ value: name, label: name }))}
                value={field.value ?? []}
                onChange={field.onChange}
                emptyText={isTenantWide ? "No namespaces yet: the role will apply tenant-wide." : "You can't invite into any namespace."}
              />
            )}
          />
        </>
      )}
    </div>
  );
}
