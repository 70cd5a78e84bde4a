/** A list page's link: its filters and cursor in the URL, the absent or empty ones left out (e.g. "Next page"). */
export function listHref(path: string, params: Record<string, string | undefined>, hash = ""): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  return `${path}?${query}${hash}`;
}

/** A page's search params with one value per key (the first, when a key is repeated), for a filters schema to parse. */
export function firstValues(searchParams: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
}
