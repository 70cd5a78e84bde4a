import { describe, expect, it } from "vitest";
import { originFromHeaders } from "./request-origin";

const request = (entries: Record<string, string>) => new Headers(entries);

describe("originFromHeaders (invitation links in development, where APP_URL may be unset)", () => {
  it("uses the request's own host and ignores forwarded headers without TRUST_PROXY", () => {
    const forged = request({ host: "localhost:3000", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" });
    expect(originFromHeaders(forged, false)).toBe("http://localhost:3000");
  });

  it("reads the forwarded host and protocol under TRUST_PROXY", () => {
    const proxied = request({ host: "10.0.0.5:3000", "x-forwarded-host": "iam.example.com, inner", "x-forwarded-proto": "https" });
    expect(originFromHeaders(proxied, true)).toBe("https://iam.example.com");
    expect(originFromHeaders(proxied, 1)).toBe("https://iam.example.com");
  });

  it.each(["evil.example/path", "a@b", "host name", "exa mple:80", "x:99999999"])("refuses a host header that is not a host (%s)", (host) => {
    expect(originFromHeaders(request({ host }), false)).toBe("http://localhost");
  });

  it("accepts IPv6 literals and ports", () => {
    expect(originFromHeaders(request({ host: "[::1]:3000" }), false)).toBe("http://[::1]:3000");
  });
});
