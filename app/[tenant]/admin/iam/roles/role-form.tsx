"use client";

import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { applyFieldErrors } from "@/components/form-errors";
import { PermissionMatrix } from "@/components/permission-matrix";
import { Button } from "@/components/ui/button";
import { Form, FormDescription, FormField, FormItem, FormMessage, useFormField } from "@/components/ui/form";
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
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm<RoleFormValues, unknown, RoleInput>({
    resolver: zodResolver(roleSchema),
    defaultValues: { name: role?.name ?? "", description: role?.description ?? "", permissions: role?.permissions ?? {} },
  });
  const { isSubmitting } = form.formState;

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
    <Form {...form}>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <FormError message={formError} />
        <FormField control={form.control} name="name" render={({ field }) => <TextField label="Name" autoComplete="off" maxLength={ROLE_NAME_MAX} {...field} />} />
        <FormField
          control={form.control}
          name="description"
          render={({ field }) => <TextAreaField label="Description" rows={2} maxLength={ROLE_DESCRIPTION_MAX} {...field} />}
        />
        <FormField
          control={form.control}
          name="permissions"
          render={({ field }) => (
            <FormItem asChild hasDescription>
              <fieldset className="space-y-2">
                <legend className="text-sm font-medium text-slate-800">Permissions</legend>
                <FormDescription>
                  {isSuperAdmin
                    ? "Tick the actions this role allows on each kind of resource."
                    : "Tick the actions this role allows. You can only grant permissions you hold tenant-wide yourself; the others are greyed out."}
                </FormDescription>
                <PermissionsControl value={field.value as PermissionSet} onChange={field.onChange} grantable={grantable} />
                <FormMessage />
              </fieldset>
            </FormItem>
          )}
        />
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
    </Form>
  );
}

/** The matrix, described by the hint above it. */
function PermissionsControl(props: { value: PermissionSet; onChange: (value: PermissionSet) => void; grantable: PermissionSet }) {
  const { formDescriptionId } = useFormField();
  return <PermissionMatrix caption="Permissions of this role" describedBy={formDescriptionId} {...props} />;
}
