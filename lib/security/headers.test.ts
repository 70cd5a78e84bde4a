import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, HSTS, isHttpsRequest, securityHeaders, type SecurityHeaderContext } from "./headers";

const NONCE = "AAECAwQFBgcICQoLDA0ODw==";
const base: SecurityHeaderContext = { pathname: "/main", nonce: NONCE, nodeEnv: "production", httpsRequest: false };

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split("; ").map((directive) => {
    const [name, ...sources] = directive.split(" ");
    return [name, sources] as const;
  }));
}

describe("contentSecurityPolicy", () => {
  it("is the exact production policy: nonce and strict-dynamic for scripts, nothing inline or eval", () => {
    expect(contentSecurityPolicy(base)).toBe(
      `default-src 'self'; script-src 'self' 'nonce-${NONCE}' 'strict-dynamic'; style-src 'self' 'unsafe-inline'; ` +
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; " +
        "form-action 'self'; frame-ancestors 'none'",
    );
  });

  it("allows eval in development only, and never inline scripts", () => {
    for (const nodeEnv of ["development", "production", "test"] as const) {
      const scriptSrc = directives(contentSecurityPolicy({ ...base, nodeEnv })).get("script-src")!;
      expect(scriptSrc).not.toContain("'unsafe-inline'");
      expect(scriptSrc.includes("'unsafe-eval'")).toBe(nodeEnv === "development");
      expect(scriptSrc).toContain(`'nonce-${NONCE}'`);
    }
  });

  it("lets forms reach the SSO issuer's origin (not its path), and only when SSO is configured", () => {
    const withSso = directives(contentSecurityPolicy({ ...base, ssoIssuer: "https://login.example.com/oauth2/default" }));
    expect(withSso.get("form-action")).toEqual(["'self'", "https://login.example.com"]);
    expect(directives(contentSecurityPolicy(base)).get("form-action")).toEqual(["'self'"]);
    expect(directives(contentSecurityPolicy({ ...base, ssoIssuer: "http://127.0.0.1:3103" })).get("form-action")).toEqual([
      "'self'",
      "http://127.0.0.1:3103",
    ]);
  });

  it.each([
    "not a url",
    "javascript:alert(1)",
    "data:text/html,hi",
    "https://idp.test; script-src *",
    "*",
  ])("keeps a malformed or hostile issuer %j out of the policy", (ssoIssuer) => {
    const csp = contentSecurityPolicy({ ...base, ssoIssuer });
    const parsed = directives(csp);
    expect(parsed.get("script-src")).toEqual(["'self'", `'nonce-${NONCE}'`, "'strict-dynamic'"]);
    expect([...parsed.keys()]).toEqual([
      "default-src", "script-src", "style-src", "img-src", "font-src", "connect-src", "object-src", "base-uri", "form-action", "frame-ancestors",
    ]);
    for (const source of parsed.get("form-action")!) expect(source === "'self'" || /^https?:\/\/[^\s;]+$/.test(source)).toBe(true);
  });

  it.each(["", "abc' 'unsafe-inline", "abc; script-src *", "a b"])("refuses the non-base64 nonce %j", (nonce) => {
    expect(() => contentSecurityPolicy({ ...base, nonce })).toThrow(/nonce/);
  });
});

describe("createNonce", () => {
  it("is 128 random bits in base64, different every time", () => {
    const nonces = new Set(Array.from({ length: 1000 }, createNonce));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
      expect(() => contentSecurityPolicy({ ...base, nonce })).not.toThrow();
    }
  });
});

describe("securityHeaders", () => {
  it("sets the CSP and the fixed protective headers on every path", () => {
    for (const pathname of ["/", "/login", "/main/admin/iam/groups", "/api/health", "/api/auth/session", "/nope"]) {
      const headers = securityHeaders({ ...base, pathname });
      expect(headers).toEqual({
        "Content-Security-Policy": contentSecurityPolicy(base),
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
      });
    }
  });

  it("sends no referrer at all from invitation pages, whose path carries the token", () => {
    expect(securityHeaders({ ...base, pathname: "/invitations/abc123" })["Referrer-Policy"]).toBe("no-referrer");
    expect(securityHeaders({ ...base, pathname: "/invitations/sso-refused" })["Referrer-Policy"]).toBe("no-referrer");
    expect(securityHeaders({ ...base, pathname: "/invitationsx/abc" })["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(securityHeaders({ ...base, pathname: "/main/admin/iam/invitations" })["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
  });

  it.each([
    { nodeEnv: "production", appUrl: "https://iam.example.com", httpsRequest: false, hsts: true },
    { nodeEnv: "production", appUrl: undefined, httpsRequest: true, hsts: true },
    { nodeEnv: "production", appUrl: "http://127.0.0.1:3000", httpsRequest: true, hsts: true },
    { nodeEnv: "production", appUrl: "http://127.0.0.1:3000", httpsRequest: false, hsts: false },
    { nodeEnv: "production", appUrl: undefined, httpsRequest: false, hsts: false },
    { nodeEnv: "production", appUrl: "not a url", httpsRequest: false, hsts: false },
    { nodeEnv: "development", appUrl: "https://iam.example.com", httpsRequest: true, hsts: false },
    { nodeEnv: "test", appUrl: "https://iam.example.com", httpsRequest: true, hsts: false },
  ] as const)("HSTS only for production over HTTPS: %o", ({ nodeEnv, appUrl, httpsRequest, hsts }) => {
    const headers = securityHeaders({ ...base, nodeEnv, appUrl, httpsRequest });
    expect(headers["Strict-Transport-Security"]).toBe(hsts ? HSTS : undefined);
  });
});

describe("isHttpsRequest", () => {
  it.each([
    ["https:", null, true],
    ["http:", null, false],
    ["http:", "https", true],
    ["http:", "HTTPS", true],
    ["http:", "https, http", true],
    ["http:", "http, https", false],
    ["http:", "", false],
    ["http:", "httpsx", false],
  ] as const)("protocol %s, X-Forwarded-Proto %j → %s", (protocol, forwarded, expected) => {
    expect(isHttpsRequest(protocol, forwarded)).toBe(expected);
  });
});
