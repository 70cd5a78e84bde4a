import "server-only";
import { pageActorWith } from "@/lib/auth/tenant-actor";
import type { Permission } from "@/lib/iam/authz/permissions";

/**
 * A section's layout checks access before its loading.tsx Suspense boundary starts streaming: once a 200 is on
 * the wire, forbidden() inside the page could no longer set the 403 status.
 */
export function sectionGuard(permission: Permission) {
  return async function SectionLayout({ children, params }: { children: React.ReactNode; params: Promise<{ tenant: string }> }) {
    await pageActorWith((await params).tenant, permission);
    return children;
  };
}
