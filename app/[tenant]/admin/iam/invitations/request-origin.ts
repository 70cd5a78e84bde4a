import "server-only";
import { headers } from "next/headers";

/**
 * The origin the admin is using, for invitation links when APP_URL is unset (invitationLink prefers APP_URL, which
 * deployments behind a proxy should set). Behind a proxy the forwarded headers name the public origin.
 */
export async function requestOrigin(): Promise<string> {
  const requestHeaders = await headers();
  const forwardedProto = requestHeaders.get("x-forwarded-proto")?.split(",")[0].trim();
  const proto = forwardedProto === "http" || forwardedProto === "https" ? forwardedProto : "http";
  const host = (requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host") ?? "localhost").split(",")[0].trim();
  return `${proto}://${host}`;
}
