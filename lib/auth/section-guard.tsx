import "server-only";
import { forbidden } from "next/navigation";
import { pageActor, pageActorWith } from "@/lib/auth/tenant-actor";
import type { TenantActor } from "@/lib/iam/authz/actor";
import type { Permission } from "@/lib/iam/authz/permissions";

/** READ of a permission somewhere in the tenant, or a rule of the section's own (e.g. the Namespaces tab's). */
type SectionCheck = Permission | ((actor: TenantActor) => boolean);

/**
 * A section's layout checks access before its loading.tsx Suspense boundary starts streaming: once a 200 is on
 * the wire, forbidden() inside the page could no longer set the 403 status.
 */
export function sectionGuard(check: SectionCheck) {
  return async function SectionLayout({ children, params }: { children: React.ReactNode; params: Promise<{ tenant: string }> }) {
    const { tenant } = await params;
    if (typeof check === "string") await pageActorWith(tenant, check);
    else if (!check(await pageActor(tenant))) forbidden();
    return children;
  };
}
