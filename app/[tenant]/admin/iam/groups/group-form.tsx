"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyFieldErrors } from "@/components/form-errors";
import { Button } from "@/components/ui/button";
import { Form, FormField } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import { TextAreaField, TextField } from "@/components/ui/text-field";
import type { ActionResult } from "@/lib/actions/result";
import { GROUP_DESCRIPTION_MAX, groupFormSchema, type GroupForm as GroupFormValues } from "@/lib/iam/groups/group-schemas";

interface GroupFormProps<T> {
  submitLabel: string;
  defaultValues?: GroupFormValues;
  save: (values: GroupFormValues) => Promise<ActionResult<T>>;
  onSaved: (data: T) => void;
}

/** Name and description of a group: the body of the "Create group" and "Edit group" dialogs. */
export function GroupForm<T>({ submitLabel, defaultValues = { name: "", description: "" }, save, onSaved }: GroupFormProps<T>) {
  const form = useForm({ resolver: zodResolver(groupFormSchema), defaultValues });
  const [formError, setFormError] = useState<string | null>(null);
  const { isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    const result = await save(values);
    if (result.ok) return onSaved(result.data);
    applyFieldErrors(form, result);
    if (!result.fieldErrors) setFormError(result.error);
  });
  return (
    <Form {...form}>
      <form onSubmit={submit} noValidate className="space-y-4">
        <FormError message={formError} />
        <FormField control={form.control} name="name" render={({ field }) => <TextField label="Name" autoComplete="off" autoFocus {...field} />} />
        <FormField
          control={form.control}
          name="description"
          render={({ field }) => <TextAreaField label="Description" rows={3} hint={`Optional, up to ${GROUP_DESCRIPTION_MAX} characters.`} {...field} />}
        />
        <div className="flex justify-end">
          <Button type="submit" disabled={isSubmitting}>
            {submitLabel}
          </Button>
        </div>
      </form>
    </Form>
  );
}
