"use client";

import { useStepUp } from "@/components/mfa/step-up-provider";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { CheckboxList } from "@/components/ui/checkbox-list";
import { Dialog } from "@/components/ui/dialog";
import { Form, FormField } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import { ComboboxField } from "@/components/ui/combobox-field";
import { applyFieldErrors } from "@/components/form-errors";
import { notifyDone } from "@/components/notify";
import type { ActionResult } from "@/lib/actions/result";
import { addBindingSchema } from "@/lib/iam/bindings/binding-schemas";

interface AddRoleDialogProps {
  /** Who receives the role, for the dialog's description ("ada@example.com", "group Data team"). */
  subjectLabel: string;
  roles: { id: string; name: string }[];
  namespaces: string[];
  onAdd: (input: z.input<typeof addBindingSchema>) => Promise<ActionResult<unknown>>;
}

/** "Add role": a role, optionally restricted to namespaces; used on user and group pages alike. */
export function AddRoleDialog({ subjectLabel, roles, namespaces, onAdd }: AddRoleDialogProps) {
  const [open, setOpen] = useState(false);
  const form = useForm<z.input<typeof addBindingSchema>, unknown, z.output<typeof addBindingSchema>>({
    resolver: zodResolver(addBindingSchema),
    defaultValues: { roleId: "", namespaces: [] },
  });
  const [formError, setFormError] = useState<string | null>(null);
  const withStepUp = useStepUp();

  const submit = form.handleSubmit(async (input) => {
    setFormError(null);
    const result = await withStepUp(() => onAdd(input));
    if (result.ok) {
      setOpen(false);
      form.reset();
      const role = roles.find((choice) => choice.id === input.roleId)?.name ?? "The role";
      const where = input.namespaces.length ? `on ${input.namespaces.join(", ")}` : "tenant-wide";
      notifyDone(`${role} ${where} was granted to ${subjectLabel}.`);
    } else {
      setFormError(result.error);
      applyFieldErrors(form, result);
    }
  });

  return (
    <Dialog
      title="Add role"
      description={`Grant a role to ${subjectLabel}, everywhere in the tenant or only in some namespaces.`}
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setFormError(null);
      }}
      trigger={<Button variant="secondary">Add role</Button>}
    >
      <Form {...form}>
        <form onSubmit={submit} className="space-y-4" noValidate>
          <FormError message={formError} />
          <FormField
            control={form.control}
            name="roleId"
            render={({ field }) => (
              <ComboboxField
                label="Role"
                placeholder="Choose a role"
                options={roles.map((role) => ({ value: role.id, label: role.name }))}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                emptyText="No role matches."
                autoFocus
              />
            )}
          />
          <FormField
            control={form.control}
            name="namespaces"
            render={({ field }) => (
              <CheckboxList
                label="Namespaces"
                hint="Leave all unchecked to grant the role tenant-wide. A namespace includes everything below it."
                options={namespaces.map((name) => ({ value: name, label: name }))}
                value={field.value ?? []}
                onChange={field.onChange}
                emptyText="No namespaces yet: the role will apply tenant-wide."
              />
            )}
          />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={form.formState.isSubmitting}>
              {form.formState.isSubmitting ? "Adding…" : "Add"}
            </Button>
          </div>
        </form>
      </Form>
    </Dialog>
  );
}
