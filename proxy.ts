import { NextResponse, type NextRequest } from "next/server";

// An optimistic check only (is there a session cookie at all?): pages verify the session against the database.
// It also hands the requested path to server components, which Next does not expose to layouts.
const PUBLIC_PATHS = [/^\/login(\/|$)/, /^\/api\//, /^\/invitations\//];
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-request-path", pathname + search);

  const isPublic = PUBLIC_PATHS.some((pattern) => pattern.test(pathname));
  const hasSession = request.cookies.getAll().some((cookie) => SESSION_COOKIES.some((name) => cookie.name.startsWith(name)));
  if (!isPublic && !hasSession) {
    const login = new URL("/login", request.url);
    if (pathname !== "/") login.searchParams.set("callbackUrl", pathname + search);
    return NextResponse.redirect(login);
  }
  return NextResponse.next({ request: { headers: requestHeaders } });
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
