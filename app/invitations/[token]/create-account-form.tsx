"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useId, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { applyFieldErrors } from "@/components/form-errors";
import { Button } from "@/components/ui/button";
import { Form, FormField } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import { checkPassword, PASSWORD_MAX_LENGTH } from "@/lib/iam/passwords/password-policy";
import { createAccountSchema } from "@/lib/iam/users/account-schemas";
import type { UnavailableReason } from "@/lib/iam/invitations/accept-invitation";
import { checkPasswordAction, createAccountAction } from "./actions";
import { PasswordChecklist, type ChecklistItem } from "./password-checklist";
import { UnavailableMessage } from "./unavailable-invitation";

const COMMON_CHECK_DELAY_MS = 300;

/**
 * Length and "not containing the email" are computed here as the user types; "not a common password" asks the
 * server (the list is large and server-only), debounced, and only the answer for the current password counts.
 */
function useIsCommonPassword(token: string, password: string): boolean | undefined {
  const [answer, setAnswer] = useState<{ password: string; isCommon: boolean }>();
  useEffect(() => {
    if (!password || password.length > PASSWORD_MAX_LENGTH) return;
    let isCurrent = true;
    const timer = setTimeout(() => {
      checkPasswordAction(token, password)
        .then((isCommon) => isCurrent && setAnswer({ password, isCommon }))
        .catch(() => isCurrent && setAnswer(undefined));
    }, COMMON_CHECK_DELAY_MS);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [token, password]);
  if (!password) return false;
  return answer?.password === password ? answer.isCommon : undefined;
}

export function CreateAccountForm({ token, email }: { token: string; email: string }) {
  const form = useForm({
    resolver: zodResolver(createAccountSchema),
    defaultValues: { firstName: "", lastName: "", password: "", confirmPassword: "" },
  });
  const [formError, setFormError] = useState<string | null>(null);
  const [unavailable, setUnavailable] = useState<UnavailableReason | null>(null);
  const checklistId = useId();
  const password = useWatch({ control: form.control, name: "password" }) ?? "";
  const isCommon = useIsCommonPassword(token, password);
  const checklist: ChecklistItem[] = checkPassword(password, email, isCommon ?? false).map((check) =>
    check.id === "common" && isCommon === undefined ? { ...check, isMet: false, isPending: true } : check,
  );
  const { isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    // Success signs the new user in and redirects; only failures come back. Typed values stay in the form.
    const result = await createAccountAction(token, values);
    if (result.unavailable) return setUnavailable(result.unavailable);
    applyFieldErrors(form, result);
    if (!result.fieldErrors) setFormError(result.error);
  });

  if (unavailable) return <UnavailableMessage reason={unavailable} />;
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
        <FormField
          control={form.control}
          name="password"
          render={({ field }) => (
            <TextField
              label="Password"
              type="password"
              autoComplete="new-password"
              maxLength={PASSWORD_MAX_LENGTH}
              aria-describedby={`${checklistId}-intro ${checklistId}`}
              {...field}
            />
          )}
        />
        <PasswordChecklist id={checklistId} items={checklist} />
        <FormField
          control={form.control}
          name="confirmPassword"
          render={({ field }) => <TextField label="Confirm password" type="password" autoComplete="new-password" maxLength={PASSWORD_MAX_LENGTH} {...field} />}
        />
        <Button type="submit" className="w-full" disabled={isSubmitting}>
          {isSubmitting ? "Creating account…" : "Create account"}
        </Button>
      </form>
    </Form>
  );
}
