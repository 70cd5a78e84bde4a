import { z } from "zod";
import { optionalSearchText, optionalText } from "@/lib/pagination/url-text";

export const USER_SORTS = {
  email: "Email (A–Z)",
  "-email": "Email (Z–A)",
  name: "Name (A–Z)",
  "-name": "Name (Z–A)",
  "-created": "Newest first",
  created: "Oldest first",
} as const;

export type UserSort = keyof typeof USER_SORTS;

/** The Users tab's URL state. Anything malformed falls back to its default rather than failing the page. */
export const userFiltersSchema = z.object({
  q: optionalSearchText(200),
  status: z.enum(["active", "disabled"]).optional().catch(undefined),
  /** Two-factor authentication set up (a confirmed factor) or not. */
  mfa: z.enum(["on", "off"]).optional().catch(undefined),
  group: z.uuid().optional().catch(undefined),
  sort: z.enum(Object.keys(USER_SORTS) as [UserSort, ...UserSort[]]).default("email").catch("email"),
  after: optionalText(2048),
  before: optionalText(2048),
});

export type UserFilters = z.infer<typeof userFiltersSchema>;
