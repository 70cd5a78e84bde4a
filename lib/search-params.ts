/** A page's search params with one value per key (the first, when a key is repeated), for a filters schema to parse. */
export function firstValues(searchParams: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
}
