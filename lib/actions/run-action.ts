import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import { DomainError, Invalid } from "@/lib/iam/errors";
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
  if (error instanceof Invalid) return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
  if (error instanceof DomainError) return { ok: false, error: error.message };
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    return { ok: false, error: "That name is already taken." };
  }
  console.error("[action] unexpected failure", error);
  return { ok: false, error: "Something went wrong and nothing was changed. Try again in a moment." };
}
