import "server-only";
import * as oauth from "oauth4webapi";
import { ssoConfig } from "@/lib/config";

// OpenID Connect Core 5.4 lets a provider return the email and profile claims only from its UserInfo endpoint when
// the code flow is used (ZITADEL's default, recent Authelia, oidc-provider's default). Auth.js hands the signIn
// callback the ID token's claims alone, so without this step every user of such a provider looks unverified.

/** Why the claims could not be completed; each has a message on /login and on the SSO refusal page. */
export type SsoClaimsRefusal = "userinfo-unavailable" | "userinfo-subject-mismatch";

export type SsoClaims = { ok: true; claims: Record<string, unknown> } | { ok: false; reason: SsoClaimsRefusal };

export interface SsoClient {
  issuer: string;
  clientId: string;
}

// Sign-in waits for these requests; a provider that hangs must end in a refusal, not in a request that never returns.
const TIMEOUT_MS = 10_000;

// email_verified (and Entra's xms_edov) vouch for the email next to them, so the three always come from one source.
const EMAIL_CLAIMS = new Set(["email", "email_verified", "xms_edov"]);

const discoveries = new Map<string, Promise<oauth.AuthorizationServer>>();

/** Plain HTTP only when the configured issuer itself is plain HTTP (a local provider); then Auth.js allows it too. */
function requestOptions(issuer: URL) {
  return { signal: AbortSignal.timeout(TIMEOUT_MS), [oauth.allowInsecureRequests]: issuer.protocol === "http:" };
}

/** Discovery once per process and issuer; a failure is forgotten so that the next sign-in tries again. */
function discover(issuer: URL): Promise<oauth.AuthorizationServer> {
  const cached = discoveries.get(issuer.href);
  if (cached) return cached;
  const pending = oauth.discoveryRequest(issuer, requestOptions(issuer)).then((response) => oauth.processDiscoveryResponse(issuer, response));
  discoveries.set(issuer.href, pending);
  pending.catch(() => {
    if (discoveries.get(issuer.href) === pending) discoveries.delete(issuer.href);
  });
  return pending;
}

/** Whether the ID token names no usable email, so that only UserInfo can tell who this is. */
export function lacksEmail(claims: Record<string, unknown>): boolean {
  return typeof claims.email !== "string" || claims.email.trim() === "";
}

/**
 * The claims to decide the sign-in on: the ID token's when it names an email; otherwise UserInfo's, asked with the
 * access token of this sign-in, whose `sub` must be the ID token's (`subject`). UserInfo fills what the ID token
 * lacks; the email claims come from UserInfo as a group. Any failure is a refusal, never an exception.
 */
export async function ssoClaims(
  subject: string,
  idToken: Record<string, unknown>,
  accessToken: string | undefined,
  client: SsoClient | null = ssoConfig(),
): Promise<SsoClaims> {
  if (!lacksEmail(idToken)) return { ok: true, claims: idToken };
  if (!client || !accessToken) {
    console.warn("[sso] the ID token has no email and there is no access token to ask UserInfo with: sign-in refused");
    return { ok: false, reason: "userinfo-unavailable" };
  }
  let userInfo: oauth.UserInfoResponse;
  try {
    const issuer = new URL(client.issuer);
    const as = await discover(issuer);
    const response = await oauth.userInfoRequest(as, { client_id: client.clientId }, accessToken, requestOptions(issuer));
    // Enforces sub equality: claims about someone else must never be attached to this account.
    userInfo = await oauth.processUserInfoResponse(as, { client_id: client.clientId }, subject, response);
  } catch (error) {
    // Only a summary: the errors' causes hold the response body (claims) and the request, which holds the token.
    if (isSubjectMismatch(error)) {
      console.warn("[sso] UserInfo answered for another subject than the ID token: sign-in refused");
      return { ok: false, reason: "userinfo-subject-mismatch" };
    }
    console.warn(`[sso] UserInfo could not be read (${failureSummary(error)}): sign-in refused`);
    return { ok: false, reason: "userinfo-unavailable" };
  }
  const fromIdToken = Object.entries(idToken).filter(([name]) => !EMAIL_CLAIMS.has(name));
  return { ok: true, claims: { ...userInfo, ...Object.fromEntries(fromIdToken) } };
}

function isSubjectMismatch(error: unknown): boolean {
  return (
    error instanceof oauth.OperationProcessingError &&
    error.code === oauth.JSON_ATTRIBUTE_COMPARISON &&
    (error.cause as { attribute?: unknown } | undefined)?.attribute === "sub"
  );
}

function failureSummary(error: unknown): string {
  if (error instanceof oauth.WWWAuthenticateChallengeError) {
    const challenge = error.cause[0];
    return `HTTP ${error.status}, ${challenge?.scheme ?? "no"} challenge${challenge?.parameters.error ? ` ${challenge.parameters.error}` : ""}`;
  }
  if (error instanceof oauth.ResponseBodyError) return `HTTP ${error.status}, ${error.error}`;
  if (error instanceof oauth.OperationProcessingError) {
    const status = error.cause instanceof Response ? `HTTP ${error.cause.status}, ` : "";
    return `${status}${error.code ?? error.name}`;
  }
  if (error instanceof Error && error.name === "TimeoutError") return `no answer within ${TIMEOUT_MS / 1000} s`;
  const code = error instanceof Error ? (error.cause as { code?: unknown } | undefined)?.code : undefined;
  return typeof code === "string" ? code : error instanceof Error ? error.name : "unknown error";
}
