"use client";

import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { applyFieldErrors } from "@/components/form-errors";
import { Button } from "@/components/ui/button";
import { Form, FormField } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import { addNamespaceSchema, type AddNamespaceInput, type AddNamespaceValues } from "@/lib/iam/namespaces/namespace-schemas";
import { addNamespaceAction } from "./actions";

export function AddNamespaceForm({ tenant }: { tenant: string }) {
  const id = useId();
  const [formError, setFormError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const form = useForm<AddNamespaceValues, unknown, AddNamespaceInput>({
    resolver: zodResolver(addNamespaceSchema),
    defaultValues: { name: "", createParents: true },
  });
  const { isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (data) => {
    setFormError(null);
    setAdded(null);
    const result = await addNamespaceAction(tenant, data);
    if (!result.ok) {
      setFormError(result.error);
      applyFieldErrors(form, result);
      return;
    }
    const parents = result.data.created.filter((name) => name !== data.name);
    setAdded(`Added ${data.name}${parents.length ? ` and its parent${parents.length > 1 ? "s" : ""} ${parents.join(", ")}` : ""}.`);
    form.reset({ name: "", createParents: data.createParents });
  });

  return (
    <Form {...form}>
      <form aria-labelledby={`${id}-heading`} onSubmit={onSubmit} noValidate className="space-y-3 rounded-lg border border-slate-200 bg-surface p-4 shadow-sm">
        <h2 id={`${id}-heading`} className="text-base font-semibold text-slate-900">
          Add namespace
        </h2>
        <FormError message={formError} />
        <FormField
          control={form.control}
          name="name"
          render={({ field }) => (
            <TextField
              label="Name"
              autoComplete="off"
              spellCheck={false}
              maxLength={255}
              placeholder="company.team"
              hint="Lower-case letters, digits, '-' or '_', in segments separated by dots (e.g. company.team). A binding on company also covers company.team and deeper, but not companyx."
              {...field}
            />
          )}
        />
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input type="checkbox" className="size-4 accent-brand-600" {...form.register("createParents")} />
          Also add missing parent namespaces (adding a.b.c adds a and a.b)
        </label>
        <div className="flex items-center justify-end gap-3">
          {added && (
            <p role="status" className="text-sm text-emerald-800">
              {added}
            </p>
          )}
          <Button type="submit" disabled={isSubmitting}>
            {isSubmitting ? "Adding…" : "Add"}
          </Button>
        </div>
      </form>
    </Form>
  );
}
