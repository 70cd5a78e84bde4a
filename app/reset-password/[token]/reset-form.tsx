"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyFieldErrors } from "@/components/form-errors";
import { NewPasswordFields } from "@/components/password/new-password-fields";
import { Button } from "@/components/ui/button";
import { Form } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import { newPasswordSchema } from "@/lib/iam/users/account-schemas";
import { checkResetPasswordAction, resetPasswordAction } from "./actions";

export function ResetForm({ token, email }: { token: string; email: string }) {
  const form = useForm({ resolver: zodResolver(newPasswordSchema), defaultValues: { password: "", confirmPassword: "" } });
  const [formError, setFormError] = useState<string | null>(null);
  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    const result = await resetPasswordAction(token, values);
    applyFieldErrors(form, result);
    if (!result.fieldErrors) setFormError(result.error);
  });
  return (
    <Form {...form}>
      <form onSubmit={submit} noValidate className="space-y-4">
        <FormError message={formError} />
        <TextField label="Email" type="email" name="email" value={email} readOnly autoComplete="username" />
        <NewPasswordFields control={form.control} email={email} checkCommon={(typed) => checkResetPasswordAction(token, typed)} autoFocus />
        <Button type="submit" className="w-full" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? "Saving…" : "Set password and sign in"}
        </Button>
      </form>
    </Form>
  );
}
