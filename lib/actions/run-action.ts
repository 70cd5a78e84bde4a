import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { DomainError, Invalid, NameTaken } from "@/lib/iam/errors";
import { StepUpRequired } from "@/lib/iam/mfa/step-up";
import { invalid, type ActionFailure, type ActionResult } from "@/lib/actions/result";

/**
 * Validate → perform → typed result. Domain errors become their message; anything unexpected is logged and
 * reported as a generic failure, so a user never sees a stack trace.
 */
export async function runAction<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  perform: (data: z.output<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    return { ok: true, data: await perform(parsed.data) };
  } catch (error) {
    return toFailure(error);
  }
}

export function toFailure(error: unknown): ActionFailure {
  unstable_rethrow(error);
  if (error instanceof Invalid || error instanceof NameTaken) return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
  if (error instanceof StepUpRequired) return { ok: false, error: error.message, stepUp: true };
  if (error instanceof DomainError) return { ok: false, error: error.message };
  // A unique index refused a write the domain did not expect to collide: still the user's answer, never a 500.
  if (isUniqueViolation(error)) return { ok: false, error: "That name is already taken." };
  console.error("[action] unexpected failure", error);
  return { ok: false, error: "Something went wrong and nothing was changed. Try again in a moment." };
}
