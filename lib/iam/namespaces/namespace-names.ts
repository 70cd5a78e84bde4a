import { z } from "zod";

// Dotted names like Kestra's: lower-case segments of letters, digits, '-' and '_', separated by single dots.
const SEGMENT = "[a-z0-9](?:[a-z0-9_-]{0,62})";
export const NAMESPACE_PATTERN = new RegExp(`^${SEGMENT}(?:\\.${SEGMENT})*$`);

export const namespaceNameSchema = z
  .string()
  .trim()
  .min(1, "Enter a namespace")
  .max(255, "A namespace has at most 255 characters")
  .regex(NAMESPACE_PATTERN, "Use lower-case letters, digits, '-' or '_', in segments separated by dots (e.g. company.team)");

/**
 * A binding on `company` covers `company`, `company.team` and deeper — never `companyx`.
 * `null` is tenant-wide: it covers every namespace, and only tenant-wide covers tenant-wide.
 */
export function namespaceCovers(granted: string | null, target: string | null): boolean {
  if (granted === null) return true;
  if (target === null) return false;
  return target === granted || target.startsWith(`${granted}.`);
}
