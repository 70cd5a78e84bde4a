// Opaque keyset-pagination cursors: base64url JSON of the last row's sort key. A malformed or tampered cursor
// decodes to undefined and the list starts from the first page instead of failing.
export function encodeCursor(values: (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

export function decodeCursor(cursor: string | undefined, arity: number): (string | null)[] | undefined {
  if (!cursor || cursor.length > 2048) return undefined;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(values) || values.length !== arity) return undefined;
    if (!values.every((value) => value === null || (typeof value === "string" && value.length <= 1024))) return undefined;
    return values as (string | null)[];
  } catch {
    return undefined;
  }
}
