"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyFieldErrors } from "@/components/form-errors";
import { NewPasswordFields } from "@/components/password/new-password-fields";
import { Button } from "@/components/ui/button";
import { Form, FormField } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import { plural } from "@/lib/format";
import { changePasswordSchema } from "@/lib/iam/users/account-schemas";
import { changePasswordAction, checkNewPasswordAction } from "./actions";

const EMPTY = { currentPassword: "", password: "", confirmPassword: "" };

/** Current password, new password with the policy's live checklist, confirmation. `onChanged` runs after success. */
export function ChangePasswordForm({ email, submitLabel = "Change password", onChanged }: { email: string; submitLabel?: string; onChanged?: () => void }) {
  const form = useForm({ resolver: zodResolver(changePasswordSchema), defaultValues: EMPTY });
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    setDone(null);
    const result = await changePasswordAction(values);
    if (result.ok) {
      form.reset(EMPTY);
      const ended = result.data.endedSessions;
      setDone(`Password changed.${ended ? ` ${plural(ended, "other session was", "other sessions were")} signed out.` : ""}`);
      onChanged?.();
      return;
    }
    applyFieldErrors(form, result);
    if (!result.fieldErrors) setFormError(result.error);
  });

  return (
    <Form {...form}>
      <form onSubmit={submit} noValidate className="space-y-4" aria-label="Change password">
        <FormError message={formError} />
        {/* Lets password managers file the new password under the right account. */}
        <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
        <FormField
          control={form.control}
          name="currentPassword"
          render={({ field }) => <TextField label="Current password" type="password" autoComplete="current-password" maxLength={1024} {...field} />}
        />
        <NewPasswordFields control={form.control} email={email} checkCommon={checkNewPasswordAction} />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={isSubmitting}>
            {isSubmitting ? "Changing…" : submitLabel}
          </Button>
          <p role="status" className="text-sm text-emerald-800">
            {done ?? ""}
          </p>
        </div>
      </form>
    </Form>
  );
}
