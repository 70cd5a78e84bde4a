// Protective response headers, built by a pure function so the policy is unit-tested and proxy.ts stays thin.
// No server-only imports: proxy.ts (Next's middleware) and next.config.ts both use this module.

export interface SecurityHeaderContext {
  /** The request's pathname, e.g. "/invitations/abc". */
  pathname: string;
  /** Fresh per request (see createNonce); Next reads it back from the request's CSP header and puts it on its scripts. */
  nonce: string;
  nodeEnv: "development" | "production" | "test";
  /** APP_URL, when configured: an https APP_URL means the app is served over HTTPS. */
  appUrl?: string;
  /** The SSO issuer (ssoConfig().issuer): the login and accept forms redirect there, so form-action must allow it. */
  ssoIssuer?: string;
  /** The request reached us over HTTPS, directly or per X-Forwarded-Proto (see isHttpsRequest). */
  httpsRequest: boolean;
}

export const HSTS = "max-age=63072000; includeSubDomains";

/**
 * Headers that do not depend on the request: next.config.ts sets them on what the proxy does not see (static assets),
 * the proxy sets them (through securityHeaders) on everything else.
 */
export const STATIC_SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
} as const;

/** 128 random bits, base64: unguessable and unique per request, as a CSP nonce must be. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** HTTPS as the client sees it: the URL's scheme, or the first hop of X-Forwarded-Proto behind a TLS-terminating proxy. */
export function isHttpsRequest(protocol: string, forwardedProto: string | null | undefined): boolean {
  if (protocol === "https:") return true;
  return forwardedProto?.split(",")[0]?.trim().toLowerCase() === "https";
}

/** The origin of a URL, or undefined when it is not an http(s) URL (a malformed setting must not break the policy). */
function httpOrigin(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

export function contentSecurityPolicy({ nonce, nodeEnv, ssoIssuer }: Pick<SecurityHeaderContext, "nonce" | "nodeEnv" | "ssoIssuer">): string {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(nonce)) throw new Error("A CSP nonce must be base64");
  const issuerOrigin = httpOrigin(ssoIssuer);
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    // 'strict-dynamic': scripts the nonced Next runtime loads are trusted, nothing else inline is. React needs eval in
    // development only (server error stacks in the browser); production never gets 'unsafe-eval'.
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(nodeEnv === "development" ? ["'unsafe-eval'"] : [])],
    // Inline styles stay allowed: Radix positions dialogs and popovers with style attributes, and a nonce cannot
    // cover style attributes (a nonce in style-src would also make browsers ignore 'unsafe-inline'). CSS cannot run
    // script, so this is the accepted trade-off; scripts get no 'unsafe-inline'.
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    // "Continue with SSO" posts a server action that answers with a redirect to the OpenID Provider. Browsers apply
    // form-action to the redirects of a form submission, so without JavaScript (or before hydration) the round trip
    // needs the issuer's origin here.
    ["form-action", "'self'", ...(issuerOrigin ? [issuerOrigin] : [])],
    ["frame-ancestors", "'none'"],
  ];
  return directives.map((directive) => directive.join(" ")).join("; ");
}

/** Every protective header for one response. */
export function securityHeaders(context: SecurityHeaderContext): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(context),
    ...STATIC_SECURITY_HEADERS,
  };
  // An invitation link carries its token in the path: no Referer at all, not even the origin, from those pages.
  if (context.pathname.startsWith("/invitations/")) headers["Referrer-Policy"] = "no-referrer";
  // HSTS only for a production app that is actually served over HTTPS: on plain-HTTP localhost it would pin the
  // browser to https://localhost for two years.
  const servedOverHttps = context.httpsRequest || httpOrigin(context.appUrl)?.startsWith("https:") === true;
  if (context.nodeEnv === "production" && servedOverHttps) headers["Strict-Transport-Security"] = HSTS;
  return headers;
}
