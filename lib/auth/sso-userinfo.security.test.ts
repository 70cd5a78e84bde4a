import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ssoClaims } from "./sso-userinfo";

// A stand-in OpenID Provider on 127.0.0.1 that misbehaves on purpose, one issuer per path prefix. It exists because a
// real provider (the development one included) never answers UserInfo for another `sub`, never fails on demand, and
// the console must still refuse those cases cleanly. The happy path against a real provider is in oidc-provider.test.ts.

const SUBJECT = "subject-1";
const ACCESS_TOKEN = "access-token-that-must-never-be-logged";
const CLIENT_ID = "iam-console";

type Behaviour = "ok" | "unverified" | "other-subject" | "server-error" | "invalid-token" | "html" | "flaky-discovery";

let server: http.Server;
let origin: string;
const requests: { path: string; authorization?: string }[] = [];
const flakyDiscoveries = { failuresLeft: 1 };

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function handle(req: http.IncomingMessage, res: http.ServerResponse) {
  const path = req.url ?? "/";
  requests.push({ path, authorization: req.headers.authorization });
  const [, behaviour, rest] = /^\/([\w-]+)(\/.*)$/.exec(path) ?? [];
  const issuer = `${origin}/${behaviour}`;
  if (rest === "/.well-known/openid-configuration") {
    if (behaviour === "flaky-discovery" && flakyDiscoveries.failuresLeft-- > 0) return json(res, 503, { error: "temporarily_unavailable" });
    return json(res, 200, { issuer, authorization_endpoint: `${issuer}/auth`, token_endpoint: `${issuer}/token`, userinfo_endpoint: `${issuer}/me` });
  }
  if (rest !== "/me") return json(res, 404, { error: "not_found" });
  if (req.headers.authorization !== `Bearer ${ACCESS_TOKEN}`) return json(res, 401, {}, { "www-authenticate": 'Bearer error="invalid_token"' });
  const claims = { email: "ada@corp.test", email_verified: true, given_name: "Ada", family_name: "Lovelace" };
  switch (behaviour as Behaviour) {
    case "ok":
    case "flaky-discovery":
      return json(res, 200, { sub: SUBJECT, ...claims });
    case "unverified":
      return json(res, 200, { sub: SUBJECT, ...claims, email_verified: false });
    case "other-subject":
      return json(res, 200, { sub: "someone-else", ...claims });
    case "server-error":
      return json(res, 500, { error: "server_error" });
    case "invalid-token":
      return json(res, 401, { error: "invalid_token" }, { "www-authenticate": 'Bearer error="invalid_token", error_description="revoked"' });
    case "html":
      res.writeHead(200, { "content-type": "text/html" });
      return res.end("<html>sign in first</html>");
    default:
      return json(res, 404, { error: "not_found" });
  }
}

async function listen(target: http.Server): Promise<number> {
  await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
  return (target.address() as AddressInfo).port;
}

beforeAll(async () => {
  server = http.createServer(handle);
  origin = `http://127.0.0.1:${await listen(server)}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

afterEach(() => {
  vi.restoreAllMocks();
});

const client = (behaviour: Behaviour) => ({ issuer: `${origin}/${behaviour}`, clientId: CLIENT_ID });
const strictIdToken = { sub: SUBJECT, iss: "ignored", nonce: "n" };
const served = (behaviour: string) => requests.filter((request) => request.path.startsWith(`/${behaviour}/`)).map((request) => request.path);

function captureWarnings() {
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  return () => warn.mock.calls.map((call) => call.map(String).join(" ")).join("\n");
}

describe("completing the ID token's claims from UserInfo", () => {
  it("asks nothing when the ID token names an email: its claims are used as they are", async () => {
    const idToken = { sub: SUBJECT, email: "ada@corp.test", email_verified: false };
    // A closed port: any request would fail, so an ok result proves none was made.
    const closed = http.createServer();
    const port = await listen(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await ssoClaims(SUBJECT, idToken, ACCESS_TOKEN, { issuer: `http://127.0.0.1:${port}`, clientId: CLIENT_ID })).toEqual({
      ok: true,
      claims: idToken,
    });
  });

  it("fills what the ID token lacks, takes the email claims from UserInfo as one group, and discovers once per issuer", async () => {
    // An email_verified: true in an ID token without an email must not vouch for the email UserInfo names.
    for (const email of [undefined, "", "  "]) {
      const idToken = { sub: SUBJECT, email_verified: true, given_name: "Augusta", ...(email === undefined ? {} : { email }) };
      expect(await ssoClaims(SUBJECT, idToken, ACCESS_TOKEN, client("unverified")), String(email)).toEqual({
        ok: true,
        claims: { sub: SUBJECT, email: "ada@corp.test", email_verified: false, given_name: "Augusta", family_name: "Lovelace" },
      });
    }
    expect(served("unverified")).toEqual(["/unverified/.well-known/openid-configuration", "/unverified/me", "/unverified/me", "/unverified/me"]);
    expect(requests.find((request) => request.path === "/unverified/me")?.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
  });

  it("refuses when UserInfo describes another subject than the ID token, and logs neither the token nor the claims", async () => {
    const warnings = captureWarnings();
    expect(await ssoClaims(SUBJECT, strictIdToken, ACCESS_TOKEN, client("other-subject"))).toEqual({ ok: false, reason: "userinfo-subject-mismatch" });
    expect(warnings()).toContain("another subject");
    for (const secret of [ACCESS_TOKEN, "ada@corp.test", "someone-else"]) expect(warnings()).not.toContain(secret);
  });

  it("refuses, never throws, when UserInfo fails: 5xx, a rejected token, not JSON, nothing listening, no access token", async () => {
    const warnings = captureWarnings();
    const closed = http.createServer();
    const port = await listen(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const cases: [string, Promise<unknown>][] = [
      ["server-error", ssoClaims(SUBJECT, strictIdToken, ACCESS_TOKEN, client("server-error"))],
      ["invalid-token", ssoClaims(SUBJECT, strictIdToken, ACCESS_TOKEN, client("invalid-token"))],
      ["html", ssoClaims(SUBJECT, strictIdToken, ACCESS_TOKEN, client("html"))],
      ["closed port", ssoClaims(SUBJECT, strictIdToken, ACCESS_TOKEN, { issuer: `http://127.0.0.1:${port}`, clientId: CLIENT_ID })],
      ["no access token", ssoClaims(SUBJECT, strictIdToken, undefined, client("ok"))],
      ["no SSO configured", ssoClaims(SUBJECT, strictIdToken, ACCESS_TOKEN, null)],
    ];
    for (const [name, result] of cases) expect(await result, name).toEqual({ ok: false, reason: "userinfo-unavailable" });
    const logged = warnings();
    expect(logged).toContain("HTTP 500");
    expect(logged).toContain("HTTP 401, bearer challenge invalid_token");
    expect(logged).toContain("ECONNREFUSED");
    for (const secret of [ACCESS_TOKEN, "ada@corp.test"]) expect(logged).not.toContain(secret);
  });

  it("forgets a failed discovery, so the next sign-in tries again", async () => {
    const warnings = captureWarnings();
    expect(await ssoClaims(SUBJECT, strictIdToken, ACCESS_TOKEN, client("flaky-discovery"))).toEqual({ ok: false, reason: "userinfo-unavailable" });
    expect(warnings()).toContain("HTTP 503");
    expect(await ssoClaims(SUBJECT, strictIdToken, ACCESS_TOKEN, client("flaky-discovery"))).toMatchObject({
      ok: true,
      claims: { email: "ada@corp.test" },
    });
    expect(served("flaky-discovery")).toEqual([
      "/flaky-discovery/.well-known/openid-configuration",
      "/flaky-discovery/.well-known/openid-configuration",
      "/flaky-discovery/me",
    ]);
  });
});
