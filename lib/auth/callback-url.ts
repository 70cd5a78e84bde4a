// Where to go after signing in. Only same-origin paths are accepted, so the login page cannot be used as an
// open redirect ("//evil.example" and "/\evil.example" are protocol-relative in browsers).
const BASE = "http://callback.invalid";

export function safeCallbackPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length > 2048) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
  // The target ends up in a Location header, which holds only Latin-1 (anything above U+00FF made Auth.js fail with a
  // 500, and é came back as Ã©): the URL parser percent-encodes what a header cannot carry. Its normalisation
  // ("/./", "/../", backslashes) can also produce a protocol-relative path, which is checked again.
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (url.origin !== BASE || path.startsWith("//") || path.length > 2048) return fallback;
  return path;
}

export function loginPath(callbackPath: string): string {
  const target = safeCallbackPath(callbackPath);
  return target === "/" ? "/login" : `/login?callbackUrl=${encodeURIComponent(target)}`;
}
