"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyFieldErrors } from "@/components/form-errors";
import { Button } from "@/components/ui/button";
import { Form, FormField } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import { profileSchema, type ProfileInput } from "@/lib/iam/users/account-schemas";
import { updateProfileAction } from "./actions";

export function ProfileForm({ email, defaults }: { email: string; defaults: ProfileInput }) {
  const router = useRouter();
  const form = useForm({ resolver: zodResolver(profileSchema), defaultValues: defaults });
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const { isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    setSaved(false);
    const result = await updateProfileAction(values);
    if (result.ok) {
      setSaved(true);
      form.reset(values);
      router.refresh();
      return;
    }
    applyFieldErrors(form, result);
    if (!result.fieldErrors) setFormError(result.error);
  });

  return (
    <Form {...form}>
      <form onSubmit={submit} noValidate className="space-y-4" aria-label="Profile">
        <FormError message={formError} />
        <TextField label="Email" type="email" name="email" value={email} readOnly autoComplete="username" hint="Your email identifies your account and cannot be changed here." />
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField control={form.control} name="firstName" render={({ field }) => <TextField label="First name" autoComplete="given-name" {...field} />} />
          <FormField control={form.control} name="lastName" render={({ field }) => <TextField label="Last name" autoComplete="family-name" {...field} />} />
        </div>
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={isSubmitting}>
            {isSubmitting ? "Saving…" : "Save profile"}
          </Button>
          <p role="status" className="text-sm text-emerald-800">
            {saved && !form.formState.isDirty ? "Profile saved." : ""}
          </p>
        </div>
      </form>
    </Form>
  );
}
