"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyFieldErrors } from "@/components/form-errors";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Form, FormField } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import { profileSchema, type ProfileInput } from "@/lib/iam/users/account-schemas";
import { renameUserAction } from "./actions";

export function RenameUserDialog({ tenant, userId, email, name, onDone }: { tenant: string; userId: string; email: string; name: ProfileInput; onDone: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  const form = useForm({ resolver: zodResolver(profileSchema), defaultValues: name });
  const [formError, setFormError] = useState<string | null>(null);
  const { isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    const result = await renameUserAction(tenant, userId, values);
    if (result.ok) {
      setOpen(false);
      onDone(`${email} was renamed.`);
      return;
    }
    applyFieldErrors(form, result);
    if (!result.fieldErrors) setFormError(result.error);
  });
  return (
    <Dialog
      title="Edit name"
      description={`The name ${email} is shown with, in every tenant.`}
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) form.reset(name);
        setFormError(null);
      }}
      trigger={<Button variant="secondary">Edit name</Button>}
    >
      <Form {...form}>
        <form onSubmit={submit} noValidate className="space-y-4">
          <FormError message={formError} />
          <FormField control={form.control} name="firstName" render={({ field }) => <TextField label="First name" autoComplete="off" {...field} />} />
          <FormField control={form.control} name="lastName" render={({ field }) => <TextField label="Last name" autoComplete="off" {...field} />} />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={isSubmitting}>
              {isSubmitting ? "Saving…" : "Save"}
            </Button>
          </div>
        </form>
      </Form>
    </Dialog>
  );
}
