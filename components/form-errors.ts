import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import type { ActionFailure } from "@/lib/actions/result";

/** Puts a failed action's per-field messages on the react-hook-form fields they belong to. */
export function applyFieldErrors<T extends FieldValues>(form: UseFormReturn<T>, failure: ActionFailure) {
  for (const [field, messages] of Object.entries(failure.fieldErrors ?? {})) {
    form.setError(field as Path<T>, { message: messages.join(" ") });
  }
}
