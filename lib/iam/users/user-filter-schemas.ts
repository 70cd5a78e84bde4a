import { z } from "zod";

export const USER_SORTS = {
  email: "Email (A–Z)",
  "-email": "Email (Z–A)",
  name: "Name (A–Z)",
  "-name": "Name (Z–A)",
  "-created": "Newest first",
  created: "Oldest first",
} as const;

export type UserSort = keyof typeof USER_SORTS;

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

/** The Users tab's URL state. Anything malformed falls back to its default rather than failing the page. */
export const userFiltersSchema = z.object({
  q: optionalSearchText(200),
  status: z.enum(["active", "disabled"]).optional().catch(undefined),
  group: z.uuid().optional().catch(undefined),
  sort: z.enum(Object.keys(USER_SORTS) as [UserSort, ...UserSort[]]).default("email").catch("email"),
  after: optionalText(2048),
  before: optionalText(2048),
});

export type UserFilters = z.infer<typeof userFiltersSchema>;
