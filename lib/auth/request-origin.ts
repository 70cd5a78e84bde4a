import "server-only";
import { headers } from "next/headers";
import { config, isProduction } from "@/lib/config";

/**
 * The origin an invitation link is built on when APP_URL is unset, which only development allows (scripts/start.ts
 * refuses to start in production without APP_URL). The Host header is the request's own; X-Forwarded-Host and
 * X-Forwarded-Proto are whatever a client sends unless a proxy in front overwrites them, so they are read only under
 * TRUST_PROXY, exactly as the per-address limits read X-Forwarded-For.
 */
export function originFromHeaders(requestHeaders: Headers, trustProxy: boolean | number): string {
  const first = (value: string | null) => value?.split(",")[0].trim() || undefined;
  const forwardedProto = trustProxy ? first(requestHeaders.get("x-forwarded-proto")) : undefined;
  const proto = forwardedProto === "https" ? "https" : "http";
  const forwardedHost = trustProxy ? first(requestHeaders.get("x-forwarded-host")) : undefined;
  const host = forwardedHost ?? first(requestHeaders.get("host")) ?? "localhost";
  // A host header is a host[:port], nothing else: anything that would change the URL's meaning falls back.
  return /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host) ? `${proto}://${host}` : "http://localhost";
}

export async function requestOrigin(): Promise<string> {
  const { APP_URL, TRUST_PROXY } = config();
  if (APP_URL) return APP_URL;
  if (isProduction()) throw new Error("APP_URL must be set in production: invitation links are built on it.");
  return originFromHeaders(await headers(), TRUST_PROXY);
}
