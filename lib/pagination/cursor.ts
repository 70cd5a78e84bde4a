// The one keyset-pagination cursor format of every list (users, groups, members, invitations, audit log): base64url
// JSON of the last row's sort key. A malformed or tampered cursor decodes to undefined and the list starts from its
// first page instead of failing.
export function encodeCursor(values: (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

export function decodeCursor(cursor: string | undefined, arity: number): (string | null)[] | undefined {
  if (!cursor || cursor.length > 2048 || !/^[\w-]+$/.test(cursor)) return undefined;
  try {
    const text = Buffer.from(cursor, "base64url").toString("utf8");
    // Node's decoder skips stray characters: only the exact encoding of what encodeCursor wrote is a cursor.
    if (Buffer.from(text).toString("base64url") !== cursor) return undefined;
    const values: unknown = JSON.parse(text);
    if (!Array.isArray(values) || values.length !== arity) return undefined;
    // NUL: PostgreSQL text cannot hold it, so no cursor this module wrote has one, and a query with it fails.
    if (!values.every((value) => value === null || (typeof value === "string" && value.length <= 1024 && !value.includes("\0")))) return undefined;
    return values as (string | null)[];
  } catch {
    return undefined;
  }
}

/**
 * A one-column keyset cursor from a list's URL: `after` (forwards) first, else `before` (backwards). A tampered one is
 * no cursor, so the list starts from its first page.
 */
export function singleKeyCursor(filters: { after?: string; before?: string }): { key?: string; isBackward: boolean } {
  const after = decodeCursor(filters.after, 1)?.[0] ?? undefined;
  const before = after ? undefined : (decodeCursor(filters.before, 1)?.[0] ?? undefined);
  return { key: after ?? before, isBackward: Boolean(before) };
}

/**
 * A keyset page from rows fetched one past `pageSize` (walking backwards: in reverse display order): the rows in display
 * order and the cursors of the neighbouring pages, absent at either end. `hasCursor`: the request started from one.
 */
export function keysetPage<T>(
  rows: T[],
  pageSize: number,
  { isBackward, hasCursor }: { isBackward: boolean; hasCursor: boolean },
  keyOf: (row: T) => (string | number | null)[],
): { page: T[]; nextCursor?: string; previousCursor?: string } {
  const hasMore = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  if (isBackward) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  const hasNext = isBackward ? hasCursor : hasMore;
  const hasPrevious = isBackward ? hasMore : hasCursor;
  return {
    page,
    nextCursor: hasNext && last ? encodeCursor(keyOf(last)) : undefined,
    previousCursor: hasPrevious && first ? encodeCursor(keyOf(first)) : undefined,
  };
}
