"use client";

import { useState } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { applyFieldErrors } from "@/components/form-errors";
import type { ActionResult } from "@/lib/actions/result";
import { useStepUp } from "@/components/mfa/step-up-provider";

/**
 * A react-hook-form form sent to a server action: `submit` validates, calls the action and hands its data to
 * `onSuccess`; a refusal becomes `formError` (the message above the form) and the fields' own messages. An action
 * that needs a recent authentication asks for it first (useStepUp) and is retried.
 */
export function useActionSubmit<TFieldValues extends FieldValues, TInput, TData>(
  form: UseFormReturn<TFieldValues, unknown, TInput>,
  action: (input: TInput) => Promise<ActionResult<TData>>,
  onSuccess: (data: TData) => void,
) {
  const [formError, setFormError] = useState<string | null>(null);
  const withStepUp = useStepUp();
  const submit = form.handleSubmit(async (input) => {
    setFormError(null);
    const result = await withStepUp(() => action(input));
    if (result.ok) onSuccess(result.data);
    else {
      setFormError(result.error);
      applyFieldErrors(form as unknown as UseFormReturn<TFieldValues>, result);
    }
  });
  return { submit, formError, clearFormError: () => setFormError(null) };
}
