import { createHash, createPublicKey, randomBytes, verify, type JsonWebKey } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addOidcUser, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, startOidcProvider, type RunningOidcProvider } from "../../dev/oidc-provider/provider";
import { OIDC_TEST_PASSWORD, OIDC_USERS, parseOidcUsers } from "../../dev/oidc-provider/users";
import { ssoClaims } from "./sso-userinfo";

// Drives the development OpenID Provider (dev/oidc-provider/provider.ts) the way a browser and Auth.js would: plain fetch,
// redirects followed by hand, cookies carried by a tiny jar.

const REDIRECT_URI = "http://127.0.0.1:3100/api/auth/callback/oidc";
const OTHER_REDIRECT_URI = "http://127.0.0.1:3101/api/auth/callback/oidc";

let idp: RunningOidcProvider;
/** The same provider started with `--strict`: email and profile claims only from UserInfo. */
let strictIdp: RunningOidcProvider;

beforeAll(async () => {
  idp = await startOidcProvider({ port: 0, clients: [{ redirect_uris: [REDIRECT_URI, OTHER_REDIRECT_URI] }] });
  strictIdp = await startOidcProvider({ port: 0, strict: true, clients: [{ redirect_uris: [REDIRECT_URI] }] });
});

afterAll(async () => {
  await idp?.close();
  await strictIdp?.close();
});

/** A cookie jar plus manual redirects: what a browser does, minus JavaScript (the provider needs none). */
class Browser {
  private cookies = new Map<string, { name: string; value: string; path: string }>();

  constructor(private readonly issuer = idp.issuer) {}

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const { pathname } = new URL(url);
    const cookie = [...this.cookies.values()]
      .filter((entry) => pathname.startsWith(entry.path))
      .map((entry) => `${entry.name}=${entry.value}`)
      .join("; ");
    const headers = new Headers(init.headers);
    if (cookie) headers.set("cookie", cookie);
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";").map((part) => part.trim());
      const name = pair.slice(0, pair.indexOf("="));
      const value = pair.slice(pair.indexOf("=") + 1);
      const path = attributes.find((attribute) => /^path=/i.test(attribute))?.slice(5) ?? "/";
      const expired = attributes.some((attribute) => /^expires=/i.test(attribute) && new Date(attribute.slice(8)).getTime() < Date.now());
      if (expired || value === "") this.cookies.delete(`${name};${path}`);
      else this.cookies.set(`${name};${path}`, { name, value, path });
    }
    return response;
  }

  /** Follows redirects on the provider until it answers with a page or redirects to the client. */
  async follow(url: string, init: RequestInit = {}): Promise<{ response: Response; url: string }> {
    let response = await this.request(url, init);
    let current = url;
    for (let hops = 0; hops < 10 && response.status >= 300 && response.status < 400; hops += 1) {
      const next = new URL(response.headers.get("location")!, current).href;
      if (!next.startsWith(this.issuer)) return { response, url: next };
      current = next;
      response = await this.request(current);
    }
    return { response, url: current };
  }
}

function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

function authorizeUrl(params: Record<string, string>, issuer = idp.issuer) {
  const url = new URL(`${issuer}/auth`);
  const all = { client_id: OIDC_CLIENT_ID, response_type: "code", redirect_uri: REDIRECT_URI, scope: "openid email profile", ...params };
  for (const [key, value] of Object.entries(all)) if (value !== "") url.searchParams.set(key, value);
  return url.href;
}

const bodies = new WeakMap<Response, Promise<string>>();
/** A response's body, readable more than once. */
function textOf(response: Response): Promise<string> {
  if (!bodies.has(response)) bodies.set(response, response.text());
  return bodies.get(response)!;
}

function formAction(html: string, page: string): string {
  const action = /<form method="post" action="([^"]+\/login)"/.exec(html)?.[1];
  if (!action) throw new Error(`No login form on ${page}: ${html.slice(0, 300)}`);
  return new URL(action, page).href;
}

async function login(browser: Browser, loginPage: { response: Response; url: string }, email: string, password: string) {
  const html = await textOf(loginPage.response);
  return browser.follow(formAction(html, loginPage.url), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password }).toString(),
  });
}

/** authorize → login page → credentials → back at the redirect_uri. Returns the callback URL and the PKCE verifier. */
async function signInAt(email: string, password = OIDC_TEST_PASSWORD, params: Record<string, string> = {}, issuer = idp.issuer) {
  const browser = new Browser(issuer);
  const { verifier, challenge } = pkce();
  const state = randomBytes(16).toString("base64url");
  const nonce = randomBytes(16).toString("base64url");
  const loginPage = await browser.follow(authorizeUrl({ state, nonce, code_challenge: challenge, code_challenge_method: "S256", ...params }, issuer));
  expect(loginPage.response.status).toBe(200);
  const callback = await login(browser, loginPage, email, password);
  return { browser, callback, verifier, state, nonce };
}

async function exchange(code: string, verifier: string, auth: "basic" | "post" = "basic", redirectUri = REDIRECT_URI, issuer = idp.issuer) {
  const body = new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: redirectUri, code_verifier: verifier });
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (auth === "basic") headers.authorization = `Basic ${Buffer.from(`${OIDC_CLIENT_ID}:${OIDC_CLIENT_SECRET}`).toString("base64")}`;
  else {
    body.set("client_id", OIDC_CLIENT_ID);
    body.set("client_secret", OIDC_CLIENT_SECRET);
  }
  return fetch(`${issuer}/token`, { method: "POST", headers, body: body.toString() });
}

function decodeJwt(token: string) {
  const [header, payload] = token
    .split(".")
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>);
  return { header, payload };
}

async function codeFor(email: string, params: Record<string, string> = {}, issuer = idp.issuer) {
  const result = await signInAt(email, OIDC_TEST_PASSWORD, params, issuer);
  const callback = new URL(result.callback.url);
  expect(callback.searchParams.get("error")).toBeNull();
  return { ...result, code: callback.searchParams.get("code")! };
}

describe("development OpenID Provider", () => {
  it("publishes a discovery document for the authorization code flow with S256 PKCE and RS256 ID tokens", async () => {
    const response = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const discovery = (await response.json()) as Record<string, unknown>;
    expect(idp.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(discovery).toMatchObject({
      issuer: idp.issuer,
      authorization_endpoint: `${idp.issuer}/auth`,
      token_endpoint: `${idp.issuer}/token`,
      userinfo_endpoint: `${idp.issuer}/me`,
      jwks_uri: `${idp.issuer}/jwks`,
      response_types_supported: ["code"],
      code_challenge_methods_supported: ["S256"],
      id_token_signing_alg_values_supported: ["RS256"],
      authorization_response_iss_parameter_supported: true,
    });
    expect(discovery.scopes_supported).toEqual(expect.arrayContaining(["openid", "email", "profile"]));
    expect(discovery.claims_supported).toEqual(expect.arrayContaining(["email", "email_verified", "name", "given_name", "family_name"]));
    expect(discovery.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(["client_secret_basic", "client_secret_post"]));
  });

  it("signs Ada in: login page, code and the same state at the redirect_uri, a signed ID token with nonce and claims", async () => {
    const browser = new Browser();
    const { verifier, challenge } = pkce();
    const state = "state-<ada>&more";
    const nonce = randomBytes(16).toString("base64url");
    const loginPage = await browser.follow(authorizeUrl({ state, nonce, code_challenge: challenge, code_challenge_method: "S256" }));
    expect(loginPage.url).toMatch(new RegExp(`^${idp.issuer}/interaction/[\\w-]+$`));
    const html = await textOf(loginPage.response);
    expect(html).toContain('<label for="email">Email</label>');
    expect(html).toContain('<label for="password">Password</label>');
    expect(html).toContain('<button class="primary" type="submit">Sign in to the test provider</button>');
    expect(html).not.toContain("<script");

    const callback = await login(browser, loginPage, "ADA@sso.test", OIDC_TEST_PASSWORD);
    const back = new URL(callback.url);
    expect(back.origin + back.pathname).toBe(REDIRECT_URI);
    expect(back.searchParams.get("state")).toBe(state);
    expect(back.searchParams.get("iss")).toBe(idp.issuer);
    const code = back.searchParams.get("code");
    expect(code).toBeTruthy();

    const token = await exchange(code!, verifier, "basic");
    expect(token.status).toBe(200);
    const tokens = (await token.json()) as { id_token: string; access_token: string; token_type: string };
    const { header, payload } = decodeJwt(tokens.id_token);
    expect(header.alg).toBe("RS256");
    expect(payload).toMatchObject({
      iss: idp.issuer,
      aud: OIDC_CLIENT_ID,
      sub: OIDC_USERS.ada.sub,
      nonce,
      email: "ada@sso.test",
      email_verified: true,
      name: "Ada Lovelace",
      given_name: "Ada",
      family_name: "Lovelace",
    });

    // The signature verifies with the published key.
    const jwks = (await (await fetch(`${idp.issuer}/jwks`)).json()) as { keys: (JsonWebKey & { kid: string })[] };
    const key = jwks.keys.find((candidate) => candidate.kid === header.kid);
    expect(key).toBeDefined();
    expect(key).not.toHaveProperty("d");
    const [h, p, signature] = tokens.id_token.split(".");
    const publicKey = createPublicKey({ key: key!, format: "jwk" });
    expect(verify("sha256", Buffer.from(`${h}.${p}`), publicKey, Buffer.from(signature, "base64url"))).toBe(true);
    expect(verify("sha256", Buffer.from(`${h}.${p}x`), publicKey, Buffer.from(signature, "base64url"))).toBe(false);

    // The same claims from userinfo; the code is single-use.
    const me = await fetch(`${idp.issuer}/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(await me.json()).toMatchObject({ email: "ada@sso.test", email_verified: true });
    expect((await exchange(code!, verifier, "basic")).status).toBe(400);
  });

  it("reports email_verified false for Mallory (client_secret_post, the second redirect_uri)", async () => {
    const { code, verifier, nonce } = await codeFor("mallory@sso.test", { redirect_uri: OTHER_REDIRECT_URI });
    const token = await exchange(code, verifier, "post", OTHER_REDIRECT_URI);
    expect(token.status).toBe(200);
    const { payload } = decodeJwt(((await token.json()) as { id_token: string }).id_token);
    expect(payload).toMatchObject({ email: "mallory@sso.test", email_verified: false, nonce, sub: OIDC_USERS.mallory.sub });
  });

  it("shows an error for a wrong password and issues no code, then accepts the right one", async () => {
    const browser = new Browser();
    const { verifier, challenge } = pkce();
    const loginPage = await browser.follow(authorizeUrl({ state: "s1", nonce: "n1", code_challenge: challenge, code_challenge_method: "S256" }));
    const wrong = await login(browser, loginPage, "grace@sso.test", "not-the-password");
    expect(wrong.response.status).toBe(401);
    expect(wrong.url).toBe(`${loginPage.url}/login`);
    const html = await textOf(wrong.response);
    expect(html).toContain('role="alert">Invalid email or password.</p>');
    expect(html).toContain('value="grace@sso.test"');
    expect(html).not.toContain("code=");

    for (const [email, password] of [
      ["nobody@sso.test", OIDC_TEST_PASSWORD],
      ["", ""],
      ["grace@sso.test", OIDC_TEST_PASSWORD + "x".repeat(10_000)],
      ['"><script>alert(1)</script>', "x"],
    ]) {
      const attempt = await login(browser, loginPage, email, password);
      expect(attempt.response.status).toBe(401);
      expect(await textOf(attempt.response)).not.toContain("<script>alert");
    }

    const ok = await login(browser, wrong, "grace@sso.test", OIDC_TEST_PASSWORD);
    const code = new URL(ok.url).searchParams.get("code");
    expect(code).toBeTruthy();
    const token = await exchange(code!, verifier);
    expect(decodeJwt(((await token.json()) as { id_token: string }).id_token).payload).toMatchObject({ email: "grace@sso.test", nonce: "n1" });
  });

  it("rejects a wrong PKCE verifier and a wrong client secret", async () => {
    const { code, verifier } = await codeFor("ada@sso.test");
    const wrongVerifier = await exchange(code, pkce().verifier);
    expect(wrongVerifier.status).toBe(400);
    expect(await wrongVerifier.json()).toMatchObject({ error: "invalid_grant" });

    const { code: second, verifier: secondVerifier } = await codeFor("ada@sso.test");
    const badSecret = await fetch(`${idp.issuer}/token`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${OIDC_CLIENT_ID}:wrong-secret`).toString("base64")}`,
      },
      body: new URLSearchParams({ grant_type: "authorization_code", code: second, redirect_uri: REDIRECT_URI, code_verifier: secondVerifier }).toString(),
    });
    expect(badSecret.status).toBe(401);
    expect(await badSecret.json()).toMatchObject({ error: "invalid_client" });
    expect(verifier).not.toBe(secondVerifier);
  });

  it("requires S256 PKCE and a registered redirect_uri", async () => {
    const browser = new Browser();
    const noPkce = await browser.request(authorizeUrl({ state: "s", nonce: "n" }));
    expect(noPkce.status).toBe(303);
    const noPkceBack = new URL(noPkce.headers.get("location")!);
    expect(noPkceBack.origin + noPkceBack.pathname).toBe(REDIRECT_URI);
    expect(noPkceBack.searchParams.get("error")).toBe("invalid_request");
    expect(noPkceBack.searchParams.get("state")).toBe("s");

    const plain = await browser.request(authorizeUrl({ state: "s", code_challenge: "a".repeat(43), code_challenge_method: "plain" }));
    expect(new URL(plain.headers.get("location")!).searchParams.get("error")).toBe("invalid_request");

    const unregistered = await browser.request(
      authorizeUrl({ redirect_uri: "http://evil.test/callback", state: "s", code_challenge: pkce().challenge, code_challenge_method: "S256" }),
    );
    expect(unregistered.status).toBe(400);
    expect(unregistered.headers.get("location")).toBeNull();
    expect(await unregistered.text()).toContain("redirect_uri");
  });

  it("lets the user cancel: access_denied at the redirect_uri", async () => {
    const browser = new Browser();
    const loginPage = await browser.follow(authorizeUrl({ state: "cancel", code_challenge: pkce().challenge, code_challenge_method: "S256" }));
    const html = await textOf(loginPage.response);
    const abort = new URL(/action="([^"]+\/abort)"/.exec(html)![1], loginPage.url).href;
    const back = await browser.follow(abort, { method: "POST" });
    const url = new URL(back.url);
    expect(url.searchParams.get("error")).toBe("access_denied");
    expect(url.searchParams.get("state")).toBe("cancel");
    expect(url.searchParams.get("code")).toBeNull();
  });

  it("adds users at runtime: addOidcUser, POST /__users, OIDC_EXTRA_USERS", async () => {
    addOidcUser({ email: "runtime@sso.test", name: "Run Time", email_verified: false });
    const { code, verifier } = await codeFor("runtime@sso.test");
    const { payload } = decodeJwt(((await (await exchange(code, verifier)).json()) as { id_token: string }).id_token);
    expect(payload).toMatchObject({ email: "runtime@sso.test", name: "Run Time", email_verified: false });
    expect(payload).not.toHaveProperty("xms_edov");

    // Like Microsoft Entra ID: no email_verified in the token, xms_edov when configured.
    addOidcUser({ email: "entra@sso.test", email_verified: null, xms_edov: true });
    const entra = await codeFor("entra@sso.test");
    const entraToken = decodeJwt(((await (await exchange(entra.code, entra.verifier)).json()) as { id_token: string }).id_token).payload;
    expect(entraToken).toMatchObject({ email: "entra@sso.test", xms_edov: true });
    expect(entraToken).not.toHaveProperty("email_verified");

    const created = await fetch(`${idp.issuer}/__users`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "posted@sso.test", given_name: "Post", family_name: "Ed", password: "posted-password" }),
    });
    expect(created.status).toBe(201);
    const user = (await created.json()) as Record<string, unknown>;
    expect(user).toMatchObject({ email: "posted@sso.test", name: "Post Ed", email_verified: true });
    expect(user).not.toHaveProperty("password");
    const posted = await signInAt("posted@sso.test", "posted-password");
    expect(new URL(posted.callback.url).searchParams.get("code")).toBeTruthy();

    for (const [body, status] of [
      ["{not json", 400],
      [JSON.stringify({ name: "no email" }), 400],
      [JSON.stringify({ email: "not-an-email" }), 400],
      [JSON.stringify({ email: "a@sso.test", admin: true }), 400],
      [JSON.stringify({ email: "a@sso.test", claimsFrom: "id_token" }), 400],
      [JSON.stringify({ email: "a@sso.test", name: "x".repeat(201) }), 400],
      [JSON.stringify({ email: "big@sso.test", name: "x".repeat(100_000) }), 413],
    ] as const) {
      const response = await fetch(`${idp.issuer}/__users`, { method: "POST", body });
      expect(response.status, body.slice(0, 60)).toBe(status);
    }

    expect(parseOidcUsers('[{"email":"env@sso.test","email_verified":false}]')).toMatchObject([
      { email: "env@sso.test", email_verified: false, password: OIDC_TEST_PASSWORD },
    ]);
    expect(() => parseOidcUsers("nope")).toThrow();
    expect(() => parseOidcUsers('[{"email":"x"}]')).toThrow();
  });

  it("answers an unknown or expired interaction with an error page, not a crash", async () => {
    const response = await fetch(`${idp.issuer}/interaction/unknown-uid`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('role="alert"');
    const post = await fetch(`${idp.issuer}/interaction/unknown-uid/login`, { method: "POST", body: "email=ada%40sso.test&password=sso-password" });
    expect(post.status).toBe(400);
  });
});

describe("strict mode: email and profile claims only from UserInfo, as OpenID Connect Core 5.4 allows", () => {
  const USER_CLAIMS = ["email", "email_verified", "xms_edov", "name", "given_name", "family_name"];

  async function tokensFrom(issuer: string, email: string) {
    const { code, verifier, nonce } = await codeFor(email, {}, issuer);
    const response = await exchange(code, verifier, "basic", REDIRECT_URI, issuer);
    expect(response.status).toBe(200);
    const tokens = (await response.json()) as { id_token: string; access_token: string };
    return { idToken: decodeJwt(tokens.id_token).payload, accessToken: tokens.access_token, nonce };
  }

  async function userInfoFrom(issuer: string, accessToken: string) {
    const response = await fetch(`${issuer}/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  }

  it("--strict: Ada's ID token has her sub and the nonce but no email or profile claim; UserInfo has them all", async () => {
    expect([idp.strict, strictIdp.strict]).toEqual([false, true]);
    const { idToken, accessToken, nonce } = await tokensFrom(strictIdp.issuer, OIDC_USERS.ada.email);
    expect(idToken).toMatchObject({ iss: strictIdp.issuer, aud: OIDC_CLIENT_ID, sub: OIDC_USERS.ada.sub, nonce });
    for (const claim of USER_CLAIMS) expect(idToken, claim).not.toHaveProperty(claim);
    expect(await userInfoFrom(strictIdp.issuer, accessToken)).toEqual({
      sub: OIDC_USERS.ada.sub,
      email: "ada@sso.test",
      email_verified: true,
      name: "Ada Lovelace",
      given_name: "Ada",
      family_name: "Lovelace",
    });
  });

  it('"claimsFrom": "userinfo" gives one user the strict treatment on the lenient provider, and no one else', async () => {
    const created = await fetch(`${idp.issuer}/__users`, {
      method: "POST",
      body: JSON.stringify({ email: "userinfo-only@sso.test", claimsFrom: "userinfo", email_verified: null, xms_edov: true, name: "Ui Only" }),
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ email: "userinfo-only@sso.test", claimsFrom: "userinfo" });

    const { idToken, accessToken } = await tokensFrom(idp.issuer, "userinfo-only@sso.test");
    for (const claim of USER_CLAIMS) expect(idToken, claim).not.toHaveProperty(claim);
    const userInfo = await userInfoFrom(idp.issuer, accessToken);
    expect(userInfo).toMatchObject({ sub: idToken.sub, email: "userinfo-only@sso.test", xms_edov: true, name: "Ui Only" });
    expect(userInfo).not.toHaveProperty("email_verified");

    const grace = await tokensFrom(idp.issuer, OIDC_USERS.grace.email);
    expect(grace.idToken).toMatchObject({ email: "grace@sso.test", email_verified: true, given_name: "Grace" });
  });

  it("the console's UserInfo step recovers what the strict ID token lacks, and refuses on an access token UserInfo rejects", async () => {
    const client = { issuer: strictIdp.issuer, clientId: OIDC_CLIENT_ID };
    const { idToken, accessToken, nonce } = await tokensFrom(strictIdp.issuer, OIDC_USERS.mallory.email);
    expect(await ssoClaims(OIDC_USERS.mallory.sub, idToken, accessToken, client)).toEqual({
      ok: true,
      claims: expect.objectContaining({
        sub: OIDC_USERS.mallory.sub,
        nonce,
        email: "mallory@sso.test",
        email_verified: false,
        given_name: "Mallory",
        family_name: "Mallet",
      }),
    });
    expect(await ssoClaims(OIDC_USERS.mallory.sub, idToken, `${accessToken}x`, client)).toEqual({ ok: false, reason: "userinfo-unavailable" });
  });
});
