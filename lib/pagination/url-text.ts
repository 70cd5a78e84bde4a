import { z } from "zod";

// Text from a list's URL (search, cursors) as every list's filters schema reads it.

/** URL text that is optional: malformed or oversized falls back to absent rather than failing the page. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .catch(undefined)
    .transform((value) => value || undefined);

// PostgreSQL text cannot hold NUL, and no stored email or name has a control character, so in a search they only come
// from a garbled or hostile URL or request: they separate words like a space instead of failing the query.
const CONTROL_CHARACTERS = /\p{Cc}/gu;
export const withoutControlCharacters = (value: unknown) => (typeof value === "string" ? value.replace(CONTROL_CHARACTERS, " ") : value);

/** Optional search text from a URL: control characters become spaces, then as optionalText. */
export const optionalSearchText = (max: number) => z.preprocess(withoutControlCharacters, optionalText(max));
