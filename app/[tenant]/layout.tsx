import { notFound } from "next/navigation";
import { AppShell } from "@/components/app-shell";
import { pageActor, requestTenant } from "@/lib/auth/tenant-actor";
import { visibleSections } from "@/lib/iam/authz/visible-sections";
import { tenantsOf } from "@/lib/iam/tenants/tenant-membership";

export default async function TenantLayout({ children, params }: LayoutProps<"/[tenant]">) {
  const { tenant: tenantId } = await params;
  const lookup = await requestTenant(tenantId);
  if (lookup.kind === "not-found") notFound();
  const actor = await pageActor(tenantId);
  const tenants = await tenantsOf(actor);
  return (
    <AppShell
      tenant={{
        current: lookup.kind === "ok" ? lookup.tenant : { id: tenantId, name: tenantId },
        tenants,
        sections: visibleSections(actor.principal, tenantId),
      }}
      user={{ name: actor.name, email: actor.email }}
    >
      {children}
    </AppShell>
  );
}
