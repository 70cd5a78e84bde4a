import { generateKeyPairSync, randomUUID, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import Provider, { type Account, type Configuration, type ErrorOut, type KoaContextWithOIDC } from "oidc-provider";
import { OIDC_USERS, parseOidcUsers, toOidcUser, type OidcUser, type OidcUserInput } from "./users";

// A local OpenID Provider for development and tests (`npm run idp`), built on oidc-provider. NOT for production:
// in-memory storage, a signing key generated at every start, fixed cookie keys, plain HTTP, consent auto-approved.
//
// - Issuer http://127.0.0.1:<port>, discovery at /.well-known/openid-configuration.
// - Authorization code flow only, PKCE (S256) required for every client; state and nonce are passed through.
// - ID tokens signed RS256 and, unless strict (below), carrying email, email_verified, name, given_name, family_name;
//   for an Entra-like user (email_verified: null) no email_verified, and xms_edov when the user has it. The UserInfo
//   endpoint (/me) returns the same claims for the access token.
// - Strict mode (`npm run idp -- --strict`, `startOidcProvider({ strict: true })`, E2E_OIDC_STRICT=1 for the e2e
//   suite): oidc-provider's conformIdTokenClaims, as OpenID Connect Core 5.4 allows and ZITADEL, recent Authelia and
//   oidc-provider's own default do. With response_type=code the ID token then carries only sub (and the protocol
//   claims); email and profile claims come only from UserInfo. The same for one user in either mode: add it with
//   "claimsFrom": "userinfo", so that one running provider serves both kinds of user (e2e/sso.spec.ts).
// - Confidential client `iam-console` / `iam-console-secret` (client_secret_basic or client_secret_post).
// - Login page at /interaction/:uid (labels "Email", "Password", button "Sign in to the test provider"); consent is
//   granted automatically. Users: dev/oidc-provider/users.ts, plus OIDC_EXTRA_USERS (JSON) and the test-only endpoint below.
// - Test-only endpoint (exists only in this dev provider): POST /__users with one JSON user
//   ({"email": "...", "email_verified"?: bool | null, "xms_edov"?: bool, "claimsFrom"?: "userinfo", "name"?: ...,
//   "password"?: ...}) adds or replaces that user.

export const OIDC_CLIENT_ID = "iam-console";
export const OIDC_CLIENT_SECRET = "iam-console-secret";
export const DEFAULT_REDIRECT_URIS = ["http://localhost:3000/api/auth/callback/oidc", "http://127.0.0.1:3000/api/auth/callback/oidc"];

export interface OidcClientConfig {
  client_id?: string;
  client_secret?: string;
  redirect_uris: string[];
  token_endpoint_auth_method?: "client_secret_basic" | "client_secret_post";
}

export interface StartOidcProviderOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to one `iam-console` client with DEFAULT_REDIRECT_URIS. */
  clients?: OidcClientConfig[];
  /** Defaults to http://127.0.0.1:<port>. The server always listens on 127.0.0.1. */
  issuer?: string;
  /** Email and profile claims only from UserInfo, for every user (see the header). */
  strict?: boolean;
}

export interface RunningOidcProvider {
  issuer: string;
  port: number;
  strict: boolean;
  addUser(user: OidcUserInput): OidcUser;
  close(): Promise<void>;
}

// --- Users -------------------------------------------------------------------------------------------------------

const users = new Map<string, OidcUser>();

/** Adds (or replaces, by email) a user of every provider started in this process. */
export function addOidcUser(input: OidcUserInput): OidcUser {
  const user = toOidcUser(input);
  users.set(user.email.toLowerCase(), user);
  return user;
}

for (const user of Object.values(OIDC_USERS)) users.set(user.email.toLowerCase(), user);

function findBySub(sub: string): OidcUser | undefined {
  for (const user of users.values()) if (user.sub === sub) return user;
  return undefined;
}

function checkPassword(email: string, password: string): OidcUser | undefined {
  const user = users.get(email.trim().toLowerCase());
  const expected = Buffer.from(user?.password ?? "\0no-such-user");
  const given = Buffer.from(password);
  const matches = expected.length === given.length && timingSafeEqual(expected, given);
  return user && matches ? user : undefined;
}

// --- HTML --------------------------------------------------------------------------------------------------------

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const STYLE = `body{font-family:system-ui,sans-serif;background:#f4f4f5;color:#18181b;margin:0}
main{max-width:24rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:.5rem;border:1px solid #d4d4d8}
h1{font-size:1.25rem;margin:0 0 .25rem}p{margin:.25rem 0 1rem;color:#3f3f46}label{display:block;font-weight:600;margin:1rem 0 .25rem}
input{box-sizing:border-box;width:100%;padding:.5rem;border:1px solid #71717a;border-radius:.25rem;font:inherit}
button{margin-top:1.25rem;padding:.5rem 1rem;border-radius:.25rem;font:inherit;cursor:pointer;border:1px solid #3730a3}
.primary{background:#3730a3;color:#fff;width:100%}.secondary{background:#fff;color:#3730a3}
.error{color:#991b1b;background:#fef2f2;border:1px solid #fecaca;padding:.5rem;border-radius:.25rem}
:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

function loginPage(uid: string, clientId: string, email = "", error?: string): string {
  const action = `/interaction/${encodeURIComponent(uid)}`;
  const invalid = error ? ` aria-invalid="true" aria-describedby="login-error"` : "";
  return page(
    "Sign in — test identity provider",
    `<h1>Test identity provider</h1>
<p>Development only. Sign in to continue to <strong>${escapeHtml(clientId)}</strong>.</p>
${error ? `<p class="error" id="login-error" role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="${action}/login">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required maxlength="254" value="${escapeHtml(email)}"${invalid}${email ? "" : " autofocus"}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200"${invalid}${email ? " autofocus" : ""}>
<button class="primary" type="submit">Sign in to the test provider</button>
</form>
<form method="post" action="${action}/abort"><button class="secondary" type="submit">Cancel</button></form>`,
  );
}

function sendHtml(res: http.ServerResponse, status: number, html: string) {
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
  res.end(html);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store" });
  res.end(JSON.stringify(body));
}

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage, limit = 16 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    let tooLarge = false;
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      if (!tooLarge) body += chunk;
      if (body.length > limit) [tooLarge, body] = [true, ""];
    });
    // Drain an oversized body before answering, so the client sees the 413 rather than a reset connection.
    req.on("end", () => (tooLarge ? reject(new BodyTooLarge()) : resolve(body)));
    req.on("error", reject);
  });
}

// --- The provider ------------------------------------------------------------------------------------------------

function configuration(clients: OidcClientConfig[], strict: boolean): Configuration {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: "jwk" }), kid: `dev-${randomUUID()}`, alg: "RS256", use: "sig" };

  return {
    clients: clients.map((client) => ({
      client_id: client.client_id ?? OIDC_CLIENT_ID,
      client_secret: client.client_secret ?? OIDC_CLIENT_SECRET,
      redirect_uris: client.redirect_uris,
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: client.token_endpoint_auth_method ?? "client_secret_basic",
      id_token_signed_response_alg: "RS256",
    })),
    jwks: { keys: [signingKey] },
    cookies: {
      keys: ["iam-console-dev-idp-cookie-key-not-a-secret"],
      names: { session: "idp_session", interaction: "idp_interaction", resume: "idp_interaction_resume" },
    },
    clientAuthMethods: ["client_secret_basic", "client_secret_post"],
    responseTypes: ["code"],
    pkce: { required: () => true },
    scopes: ["openid", "email", "profile"],
    claims: { openid: ["sub"], email: ["email", "email_verified", "xms_edov"], profile: ["name", "given_name", "family_name"] },
    // Lenient (the default here): the scope claims go into the ID token too, as most providers do. Strict: only into
    // UserInfo, oidc-provider's own default and what OpenID Connect Core 5.4 describes for the code flow.
    conformIdTokenClaims: strict,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub): Account | undefined => {
      const user = findBySub(sub);
      if (!user) return undefined;
      return {
        accountId: user.sub,
        // oidc-provider asks once per destination ("id_token" or "userinfo"); a "claimsFrom: userinfo" user gets the
        // strict treatment whatever the provider's mode.
        claims: (use: string) => {
          if (use === "id_token" && user.claimsFrom === "userinfo") return { sub: user.sub };
          return {
            sub: user.sub,
            email: user.email,
            // Left out when null or absent, as Entra ID leaves out email_verified (and sends xms_edov only if configured).
            ...(user.email_verified === null ? {} : { email_verified: user.email_verified }),
            ...(user.xms_edov === undefined ? {} : { xms_edov: user.xms_edov }),
            name: user.name,
            given_name: user.given_name,
            family_name: user.family_name,
          };
        },
      };
    },
    clientBasedCORS: () => false,
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    renderError: (ctx: KoaContextWithOIDC, out: ErrorOut) => {
      ctx.type = "html";
      ctx.body = page(
        "Error — test identity provider",
        `<h1>Test identity provider: error</h1>
<p class="error" role="alert">${escapeHtml(out.error ?? "error")}: ${escapeHtml(out.error_description ?? "")}</p>`,
      );
    },
  };
}

async function handleInteraction(provider: Provider, req: http.IncomingMessage, res: http.ServerResponse, uid: string, step?: string) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return sendHtml(res, 400, page("Error", `<h1>Error</h1><p role="alert">Unknown sign-in attempt.</p>`));
  const clientId = String(details.params.client_id);

  if (req.method === "GET" && !step) {
    if (details.prompt.name === "login") return sendHtml(res, 200, loginPage(uid, clientId));
    if (details.prompt.name === "consent") {
      // Consent is granted automatically: everything the client asked for.
      const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = details.prompt.details as {
        missingOIDCScope?: string[];
        missingOIDCClaims?: string[];
        missingResourceScopes?: Record<string, string[]>;
      };
      const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
      const grant = existing ?? new provider.Grant({ accountId: details.session!.accountId, clientId });
      if (missingOIDCScope?.length) grant.addOIDCScope(missingOIDCScope.join(" "));
      if (missingOIDCClaims?.length) grant.addOIDCClaims(missingOIDCClaims);
      for (const [resource, scopes] of Object.entries(missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(" "));
      const grantId = await grant.save();
      return provider.interactionFinished(req, res, { consent: existing ? {} : { grantId } }, { mergeWithLastSubmission: true });
    }
    return sendHtml(res, 400, page("Error", `<h1>Error</h1><p role="alert">Unsupported prompt ${escapeHtml(details.prompt.name)}.</p>`));
  }

  if (req.method === "POST" && step === "abort") {
    return provider.interactionFinished(
      req,
      res,
      { error: "access_denied", error_description: "The user cancelled the sign-in." },
      { mergeWithLastSubmission: false },
    );
  }

  if (req.method === "POST" && step === "login" && details.prompt.name === "login") {
    const form = new URLSearchParams(await readBody(req));
    const email = (form.get("email") ?? "").slice(0, 254);
    const user = checkPassword(email, (form.get("password") ?? "").slice(0, 200));
    if (!user) return sendHtml(res, 401, loginPage(uid, clientId, email, "Invalid email or password."));
    return provider.interactionFinished(req, res, { login: { accountId: user.sub } }, { mergeWithLastSubmission: false });
  }

  sendHtml(res, 405, page("Error", `<h1>Error</h1><p role="alert">Method not allowed.</p>`));
}

async function handleAddUser(req: http.IncomingMessage, res: http.ServerResponse) {
  let input: unknown;
  try {
    input = JSON.parse(await readBody(req));
  } catch (error) {
    if (error instanceof BodyTooLarge) return sendJson(res, 413, { error: "body too large" });
    return sendJson(res, 400, { error: "invalid JSON" });
  }
  try {
    const user: Partial<OidcUser> = { ...addOidcUser(input as OidcUserInput) };
    delete user.password;
    return sendJson(res, 201, user);
  } catch {
    return sendJson(res, 400, { error: "invalid user: email is required; see dev/oidc-provider/users.ts" });
  }
}

export async function startOidcProvider(options: StartOidcProviderOptions = {}): Promise<RunningOidcProvider> {
  if (process.env.OIDC_EXTRA_USERS) {
    let extra: OidcUser[];
    try {
      extra = parseOidcUsers(process.env.OIDC_EXTRA_USERS);
    } catch (error) {
      throw new Error("OIDC_EXTRA_USERS must be a JSON array of users (see dev/oidc-provider/users.ts)", { cause: error });
    }
    for (const user of extra) users.set(user.email.toLowerCase(), user);
  }

  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = options.issuer ?? `http://127.0.0.1:${port}`;

  let provider: Provider;
  try {
    provider = new Provider(issuer, configuration(options.clients ?? [{ redirect_uris: DEFAULT_REDIRECT_URIS }], options.strict ?? false));
  } catch (error) {
    server.close();
    throw error;
  }
  provider.proxy = false;
  const oidc = provider.callback();

  server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    const { pathname } = new URL(req.url ?? "/", issuer);
    const interaction = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/.exec(pathname);
    const route = interaction
      ? handleInteraction(provider, req, res, interaction[1], interaction[2])
      : req.method === "POST" && pathname === "/__users"
        ? handleAddUser(req, res)
        : Promise.resolve(oidc(req, res));
    route.catch((error: unknown) => {
      if (res.headersSent) return res.end();
      const name = error instanceof Error ? error.name : "Error";
      const status = error instanceof BodyTooLarge ? 413 : name === "SessionNotFound" ? 400 : 500;
      const message = status === 400 ? "This sign-in attempt expired or is unknown. Start again from the application." : "Something went wrong.";
      if (status === 500) console.error("[idp]", error);
      sendHtml(res, status, page("Error — test identity provider", `<h1>Test identity provider: error</h1><p role="alert">${message}</p>`));
    });
  });

  return {
    issuer,
    port,
    strict: options.strict ?? false,
    addUser: addOidcUser,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

// --- CLI: npm run idp [-- --port 3300 --redirect-uri URL ... --strict] -------------------------------------------

function cliOptions(argv: string[]): StartOidcProviderOptions {
  let port = 3300;
  const redirectUris: string[] = [];
  let issuer: string | undefined;
  let strict = false;
  for (let index = 0; index < argv.length; index += 1) {
    const [flag, inline] = argv[index].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++index];
    if (flag === "--port") port = Number(value());
    else if (flag === "--redirect-uri") redirectUris.push(value());
    else if (flag === "--issuer") issuer = value();
    else if (flag === "--strict" && inline === undefined) strict = true;
    else throw new Error(`Unknown argument ${argv[index]} (use --port N, --redirect-uri URL (repeatable), --issuer URL, --strict)`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error("--port must be a port number");
  return { port, issuer, strict, clients: [{ redirect_uris: redirectUris.length ? redirectUris : DEFAULT_REDIRECT_URIS }] };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  let options: StartOidcProviderOptions = {};
  try {
    options = cliOptions(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
  startOidcProvider(options).then(
    (running) => {
      const mode = running.strict ? " (strict: email and profile claims only from UserInfo)" : "";
      console.log(`Test OpenID Provider listening on ${running.issuer}${mode}`);
      console.log(`  discovery: ${running.issuer}/.well-known/openid-configuration`);
      console.log(`  client: ${OIDC_CLIENT_ID} / ${OIDC_CLIENT_SECRET}, redirect URIs: ${options.clients![0].redirect_uris.join(", ")}`);
      console.log(`  users (password "${OIDC_USERS.ada.password}"): ${[...users.values()].map((user) => user.email).join(", ")}`);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
