"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyFieldErrors } from "@/components/form-errors";
import { Button } from "@/components/ui/button";
import { Form, FormField } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import { createAccountSchema } from "@/lib/iam/users/account-schemas";
import type { UnavailableReason } from "@/lib/iam/invitations/accept-invitation";
import { checkPasswordAction, createAccountAction } from "./actions";
import { NewPasswordFields } from "@/components/password/new-password-fields";
import { UnavailableMessage } from "./unavailable-invitation";

export function CreateAccountForm({ token, email }: { token: string; email: string }) {
  const form = useForm({
    resolver: zodResolver(createAccountSchema),
    defaultValues: { firstName: "", lastName: "", password: "", confirmPassword: "" },
  });
  const [formError, setFormError] = useState<string | null>(null);
  const [unavailable, setUnavailable] = useState<UnavailableReason | null>(null);
  const { isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    // Success signs the new user in and redirects; only failures come back. Typed values stay in the form.
    const result = await createAccountAction(token, values);
    if (result.unavailable) return setUnavailable(result.unavailable);
    applyFieldErrors(form, result);
    if (!result.fieldErrors) setFormError(result.error);
  });

  if (unavailable) return <UnavailableMessage reason={unavailable} token={token} />;
  return (
    <Form {...form}>
      <form onSubmit={submit} noValidate className="space-y-4">
        <FormError message={formError} />
        <TextField
          label="Email"
          type="email"
          name="email"
          value={email}
          readOnly
          autoComplete="username"
          hint="Your account uses the invited email. It cannot be changed."
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField control={form.control} name="firstName" render={({ field }) => <TextField label="First name" autoComplete="given-name" autoFocus {...field} />} />
          <FormField control={form.control} name="lastName" render={({ field }) => <TextField label="Last name" autoComplete="family-name" {...field} />} />
        </div>
        <NewPasswordFields control={form.control} email={email} checkCommon={(typed) => checkPasswordAction(token, typed)} label="Password" confirmLabel="Confirm password" />
        <Button type="submit" className="w-full" disabled={isSubmitting}>
          {isSubmitting ? "Creating account…" : "Create account"}
        </Button>
      </form>
    </Form>
  );
}
