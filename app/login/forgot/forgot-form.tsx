"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { forgotPasswordSchema } from "@/lib/iam/users/account-schemas";
import { applyFieldErrors } from "@/components/form-errors";
import { Button } from "@/components/ui/button";
import { Form, FormField } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import { forgotPasswordAction } from "./actions";


export function ForgotForm() {
  const form = useForm({ resolver: zodResolver(forgotPasswordSchema), defaultValues: { email: "" } });
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    const result = await forgotPasswordAction(values);
    if (result.ok) return setSentTo(values.email);
    applyFieldErrors(form, result);
    if (!result.fieldErrors) setFormError(result.error);
  });
  if (sentTo) {
    return (
      <div role="status" className="space-y-2 text-sm text-slate-700">
        <p className="font-medium text-slate-900">Check your email</p>
        <p>
          If an account exists for <strong>{sentTo}</strong>, we have sent it a link to reset its password. The link works once, for a limited time.
          Nothing arrived after a few minutes? Check your spam folder, or ask again.
        </p>
      </div>
    );
  }
  return (
    <Form {...form}>
      <form onSubmit={submit} noValidate className="space-y-4">
        <FormError message={formError} />
        <FormField control={form.control} name="email" render={({ field }) => <TextField label="Email" type="email" autoComplete="username" autoFocus {...field} />} />
        <Button type="submit" className="w-full" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? "Sending…" : "Send reset link"}
        </Button>
      </form>
    </Form>
  );
}
