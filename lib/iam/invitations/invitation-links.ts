import "server-only";
import { config } from "@/lib/config";
import { addDuration, parseDuration } from "@/lib/duration";

/** APP_URL when configured (required behind proxies), else the origin the admin is using: what emailed links are built on. */
export function appBaseUrl(requestOrigin: string): string {
  return (config().APP_URL ?? requestOrigin).replace(/\/+$/, "");
}

export function invitationLink(token: string, requestOrigin: string): string {
  return `${appBaseUrl(requestOrigin)}/invitations/${token}`;
}

export function invitationExpiry(now = new Date()): Date {
  // Validated at start-up by lib/config.ts, so the duration always parses here.
  return addDuration(now, parseDuration(config().INVITATIONS_EXPIRE_AFTER)!);
}

/** The Invitations tab of a tenant, showing only the invitations whose invitee asked for a new link. */
export function renewalRequestsLink(tenantId: string, requestOrigin: string): string {
  return `${appBaseUrl(requestOrigin)}/${encodeURIComponent(tenantId)}/admin/iam/invitations?renewal=requested`;
}
