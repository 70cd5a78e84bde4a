import type { z } from "zod";
import { Invalid } from "@/lib/iam/errors";

/**
 * Parses a domain function's input again with the schema its form and action use: a caller other than the action
 * (a test, a script, a future API) gets the same refusals, and what is written is in the schema's canonical form
 * (names in NFC, permissions in order).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new Invalid("Check the highlighted fields.", fieldErrorsOf(parsed.error));
}

/** A schema's refusals by field ("form" for the whole input): the shape every action's failure carries. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) (fieldErrors[issue.path.join(".") || "form"] ??= []).push(issue.message);
  return fieldErrors;
}
