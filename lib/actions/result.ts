import type { z } from "zod";

// The one shape every server action returns: users see `error`/`fieldErrors`, never an exception.
export type ActionFailure = { ok: false; error: string; fieldErrors?: Record<string, string[]> };
export type ActionResult<T = null> = { ok: true; data: T } | ActionFailure;

export function invalid(error: z.ZodError, message = "Check the highlighted fields."): ActionFailure {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return { ok: false, error: message, fieldErrors };
}
