import { notFound } from "next/navigation";
import { AppShell } from "@/components/app-shell";
import Link from "next/link";
import { pageActor, requestMfaStanding, requestTenant } from "@/lib/auth/tenant-actor";
import { formatDateTime } from "@/lib/format";
import { visibleSections } from "@/lib/iam/authz/visible-sections";
import { tenantsOf } from "@/lib/iam/tenants/tenant-membership";

export default async function TenantLayout({ children, params }: LayoutProps<"/[tenant]">) {
  const { tenant: tenantId } = await params;
  const lookup = await requestTenant(tenantId);
  if (lookup.kind === "not-found") notFound();
  const actor = await pageActor(tenantId);
  const [tenants, mfa] = await Promise.all([tenantsOf(actor), requestMfaStanding(actor, tenantId)]);
  return (
    <AppShell
      tenant={{
        current: lookup.kind === "ok" ? lookup.tenant : { id: tenantId, name: tenantId },
        tenants,
        sections: visibleSections(actor.principal, tenantId),
      }}
      user={{ name: actor.name, email: actor.email }}
    >
      {mfa.state === "grace" && (
        <p className="mb-6 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
          This tenant requires two-factor authentication. Set it up before {formatDateTime(mfa.enrolBy)} to keep your access:{" "}
          <Link href="/account/security" className="font-medium underline">
            set up two-factor authentication
          </Link>
          .
        </p>
      )}
      {children}
    </AppShell>
  );
}
