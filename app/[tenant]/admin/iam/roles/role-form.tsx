"use client";

import { useId, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { applyFieldErrors } from "@/components/form-errors";
import { PermissionMatrix } from "@/components/permission-matrix";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { TextAreaField, TextField } from "@/components/ui/text-field";
import type { ActionFailure } from "@/lib/actions/result";
import type { PermissionSet } from "@/lib/iam/authz/permissions";
import { ROLE_DESCRIPTION_MAX, ROLE_NAME_MAX, roleSchema, type RoleFormValues, type RoleInput } from "@/lib/iam/roles/role-schemas";
import { createRoleAction, updateRoleAction } from "./actions";

interface RoleFormProps {
  tenant: string;
  /** Omitted: create a role. */
  role?: { id: string; name: string; description: string; permissions: PermissionSet };
  /** What the editor holds tenant-wide, i.e. may put into a role. */
  grantable: PermissionSet;
  isSuperAdmin: boolean;
  onCreated?: (role: { id: string; name: string }) => void;
}

/** The create and edit form of a custom role: name, description and the permission matrix. */
export function RoleForm({ tenant, role, grantable, isSuperAdmin, onCreated }: RoleFormProps) {
  const id = useId();
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm<RoleFormValues, unknown, RoleInput>({
    resolver: zodResolver(roleSchema),
    defaultValues: { name: role?.name ?? "", description: role?.description ?? "", permissions: role?.permissions ?? {} },
  });
  const { errors, isSubmitting } = form.formState;
  const permissionErrors = errors.permissions?.message ?? errors.permissions?.root?.message;

  const onSubmit = form.handleSubmit(async (data) => {
    setFormError(null);
    setSaved(null);
    if (role) {
      const result = await updateRoleAction(tenant, role.id, data);
      if (!result.ok) return showFailure(result);
      form.reset(data);
      setSaved("Changes saved.");
    } else {
      const result = await createRoleAction(tenant, data);
      if (!result.ok) return showFailure(result);
      onCreated?.({ id: result.data.id, name: data.name });
    }
  });

  function showFailure(failure: ActionFailure) {
    setFormError(failure.error);
    applyFieldErrors(form, failure);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={formError} />
      <TextField
        label="Name"
        autoComplete="off"
        maxLength={ROLE_NAME_MAX}
        errors={errors.name?.message ? [errors.name.message] : undefined}
        {...form.register("name")}
      />
      <TextAreaField
        label="Description"
        rows={2}
        maxLength={ROLE_DESCRIPTION_MAX}
        errors={errors.description?.message ? [errors.description.message] : undefined}
        {...form.register("description")}
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Permissions</legend>
        <p id={`${id}-permissions-hint`} className="text-xs text-slate-600">
          {isSuperAdmin
            ? "Tick the actions this role allows on each kind of resource."
            : "Tick the actions this role allows. You can only grant permissions you hold tenant-wide yourself; the others are greyed out."}
        </p>
        <Controller
          control={form.control}
          name="permissions"
          render={({ field }) => (
            <PermissionMatrix
              caption="Permissions of this role"
              value={field.value as PermissionSet}
              onChange={field.onChange}
              grantable={grantable}
              describedBy={`${id}-permissions-hint`}
            />
          )}
        />
        {permissionErrors && <p className="text-sm text-red-700">{permissionErrors}</p>}
      </fieldset>
      <div className="flex items-center justify-end gap-3">
        {saved && (
          <p role="status" className="text-sm text-emerald-800">
            {saved}
          </p>
        )}
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : role ? "Save" : "Create"}
        </Button>
      </div>
    </form>
  );
}
