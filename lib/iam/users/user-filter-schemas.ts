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

/**
 * The Users tab's column headers that sort, each between two USER_SORTS orders (every one backed by an index: see
 * SORTS in user-directory.ts). "Newest first" has no column; the Sort by select keeps offering it.
 */
export const COLUMN_SORTS = {
  name: { ascending: "name", descending: "-name" },
  email: { ascending: "email", descending: "-email" },
} as const satisfies Record<string, { ascending: UserSort; descending: UserSort }>;

export type SortableColumn = keyof typeof COLUMN_SORTS;

/** A sortable header's state: the direction the list is sorted by its column, if it is, and the order its link asks for. */
export function columnSort(column: SortableColumn, sort: UserSort): { direction?: "ascending" | "descending"; next: UserSort } {
  const { ascending, descending } = COLUMN_SORTS[column];
  if (sort === ascending) return { direction: "ascending", next: descending };
  if (sort === descending) return { direction: "descending", next: ascending };
  return { next: ascending };
}
