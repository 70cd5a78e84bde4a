import { NextResponse, type NextRequest } from "next/server";
import { config as appConfig, ssoConfig } from "@/lib/config";
import { createNonce, isHttpsRequest, securityHeaders } from "@/lib/security/headers";
import { actionBodyProblem, declaredSizeProblem, isActionRequest, isDecodablePath, originProblem, type RequestProblem } from "@/lib/security/action-request";

// An optimistic check only (is there a session cookie at all?): pages verify the session against the database.
// It also hands the requested path to server components, which Next does not expose to layouts, and puts the
// protective headers (lib/security/headers.ts) on every response it sees, redirects and API routes included.
const PUBLIC_PATHS = [/^\/login(\/|$)/, /^\/api\//, /^\/invitations\//, /^\/reset-password\//];
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const { NODE_ENV, APP_URL } = appConfig();
  const nonce = createNonce();
  const headers = securityHeaders({
    pathname,
    nonce,
    nodeEnv: NODE_ENV,
    appUrl: APP_URL,
    ssoIssuer: ssoConfig()?.issuer,
    httpsRequest: isHttpsRequest(request.nextUrl.protocol, request.headers.get("x-forwarded-proto")),
  });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-request-path", pathname + search);
  // Next reads the nonce from the request's CSP header and puts it on its own scripts (so pages render per request);
  // x-nonce hands it to server components that render a <Script> themselves.
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]);

  const isPublic = PUBLIC_PATHS.some((pattern) => pattern.test(pathname));
  const hasSession = request.cookies.getAll().some((cookie) => SESSION_COOKIES.some((name) => cookie.name.startsWith(name)));
  const problem = await requestProblem(request);
  let response: NextResponse;
  if (problem) {
    response = new NextResponse(problem.message, { status: problem.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  } else if (!isDecodablePath(pathname)) {
    // Next would fail decoding it into route params (a 500), even behind a rewrite (the original path is decoded
    // again while rendering): sent on to the invalid-link page, or to a 404 inside the tenant, instead.
    response = NextResponse.redirect(new URL(undecodableTarget(pathname), request.url));
  } else if (!isPublic && !hasSession) {
    const login = new URL("/login", request.url);
    if (pathname !== "/") login.searchParams.set("callbackUrl", pathname + search);
    response = NextResponse.redirect(login);
  } else {
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/** Where an address Next cannot decode is answered: the invalid-link page, or a 404 inside its tenant when it has one. */
function undecodableTarget(pathname: string): string {
  if (pathname.startsWith("/invitations/")) return "/invitations/malformed";
  const [tenant] = pathname.split("/").filter(Boolean);
  return tenant && isDecodablePath(tenant) ? `/${tenant}/malformed-address` : "/_/malformed-address";
}

/** Server action posts Next would answer with a 500 (lib/security/action-request.ts); route handlers parse their own. */
async function requestProblem(request: NextRequest): Promise<RequestProblem | null> {
  if (request.nextUrl.pathname.startsWith("/api/") || !isActionRequest(request.method, request.headers)) return null;
  const problem = originProblem(request.headers) ?? declaredSizeProblem(request.headers);
  if (problem) return problem;
  return actionBodyProblem(request.headers.get("content-type"), new Uint8Array(await request.clone().arrayBuffer()));
}

// Everything but Next's static files and the icons (next.config.ts gives those the static headers): pages, server
// actions, RSC requests and the API routes, which get the headers but skip the sign-in redirect (PUBLIC_PATHS).
export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
