import type { z } from "zod";
import { fieldErrorsOf } from "@/lib/iam/parse-input";

// The one shape every server action returns: users see `error`/`fieldErrors`, never an exception.
// `stepUp`: the action needs a recent authentication (lib/iam/mfa/step-up.ts); the console asks for it and retries.
export type ActionFailure = { ok: false; error: string; fieldErrors?: Record<string, string[]>; stepUp?: true };
export type ActionResult<T = null> = { ok: true; data: T } | ActionFailure;

export function invalid(error: z.ZodError, message = "Check the highlighted fields."): ActionFailure {
  return { ok: false, error: message, fieldErrors: fieldErrorsOf(error) };
}
