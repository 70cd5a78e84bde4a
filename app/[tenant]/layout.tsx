import { forbidden, notFound } from "next/navigation";
import { AppShell } from "@/components/app-shell";
import { requireActor } from "@/lib/auth/actor";
import { openTenant, tenantsOf } from "@/lib/iam/tenants";

export default async function TenantLayout({ children, params }: LayoutProps<"/[tenant]">) {
  const { tenant: tenantId } = await params;
  const actor = await requireActor();
  const lookup = await openTenant(actor, tenantId);
  if (lookup.kind === "not-found") notFound();
  if (lookup.kind === "forbidden") forbidden();
  const tenants = await tenantsOf(actor);
  return (
    <AppShell tenant={lookup.tenant} tenants={tenants} user={{ name: actor.name, email: actor.email }}>
      {children}
    </AppShell>
  );
}
