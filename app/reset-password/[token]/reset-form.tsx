"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useId, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { applyFieldErrors } from "@/components/form-errors";
import { checklistItems, PasswordChecklist } from "@/components/password/password-checklist";
import { useIsCommonPassword } from "@/components/password/use-common-password-check";
import { Button } from "@/components/ui/button";
import { Form, FormField } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import { PASSWORD_MAX_LENGTH } from "@/lib/iam/passwords/password-policy";
import { newPasswordSchema } from "@/lib/iam/users/account-schemas";
import { checkResetPasswordAction, resetPasswordAction } from "./actions";

export function ResetForm({ token, email }: { token: string; email: string }) {
  const form = useForm({ resolver: zodResolver(newPasswordSchema), defaultValues: { password: "", confirmPassword: "" } });
  const [formError, setFormError] = useState<string | null>(null);
  const checklistId = useId();
  const password = useWatch({ control: form.control, name: "password" }) ?? "";
  const isCommon = useIsCommonPassword(password, (typed) => checkResetPasswordAction(token, typed));
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
        <FormField
          control={form.control}
          name="password"
          render={({ field }) => (
            <TextField
              label="New password"
              type="password"
              autoComplete="new-password"
              autoFocus
              maxLength={PASSWORD_MAX_LENGTH}
              aria-describedby={`${checklistId}-intro ${checklistId}`}
              {...field}
            />
          )}
        />
        <PasswordChecklist id={checklistId} items={checklistItems(password, email, isCommon)} />
        <FormField
          control={form.control}
          name="confirmPassword"
          render={({ field }) => <TextField label="Confirm new password" type="password" autoComplete="new-password" maxLength={PASSWORD_MAX_LENGTH} {...field} />}
        />
        <Button type="submit" className="w-full" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? "Saving…" : "Set password and sign in"}
        </Button>
      </form>
    </Form>
  );
}
