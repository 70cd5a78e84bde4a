// Where to go after signing in. Only same-origin paths are accepted, so the login page cannot be used as an
// open redirect ("//evil.example" and "/\evil.example" are protocol-relative in browsers).
export function safeCallbackPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length > 2048) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
  return value;
}

export function loginPath(callbackPath: string): string {
  const target = safeCallbackPath(callbackPath);
  return target === "/" ? "/login" : `/login?callbackUrl=${encodeURIComponent(target)}`;
}
