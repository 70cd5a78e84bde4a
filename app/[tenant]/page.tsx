import Link from "next/link";
import { ScrollText, ShieldCheck, UserRound } from "lucide-react";
import { PageHeader } from "@/components/page-header";
import { pageActor, requestTenant } from "@/lib/auth/tenant-actor";
import { heldRoleLabel } from "@/lib/iam/authz/binding-labels";
import { summarizeRows } from "@/lib/iam/authz/permission-summary";
import { visibleSections } from "@/lib/iam/authz/visible-sections";
import { getOwnAccess } from "@/lib/iam/users/user-access";

export const metadata = { title: "Home" };

/**
 * The tenant's home: first the tenant and what the signed-in person may do in it (an invitee's first screen, so it
 * names the access they were given), then the sections they may administer, if any.
 */
export default async function TenantHomePage({ params }: PageProps<"/[tenant]">) {
  const { tenant } = await params;
  const actor = await pageActor(tenant);
  const [lookup, access] = await Promise.all([requestTenant(tenant), getOwnAccess(actor)]);
  const tenantName = lookup.kind === "ok" ? lookup.tenant.name : tenant;
  const sections = visibleSections(actor.principal, tenant);
  const cards = [
    sections.iam && { href: `/${tenant}/admin/iam`, title: "IAM", text: "Users, invitations, groups and roles of this tenant.", Icon: ShieldCheck },
    sections.auditLogs && { href: `/${tenant}/admin/audit-logs`, title: "Audit logs", text: "Who changed what, and when.", Icon: ScrollText },
  ].filter((card) => card !== false);
  const bindings = access?.bindings ?? [];
  return (
    <div className="space-y-6">
      <PageHeader title={`Welcome to ${tenantName}, ${actor.name}`} description={cards.length ? "Manage who can do what in this tenant." : undefined} />
      <section aria-labelledby="your-access" className="space-y-3 rounded-lg border border-slate-200 bg-surface p-4 shadow-sm sm:p-6">
        <h2 id="your-access" className="font-semibold text-slate-900">
          Your access
        </h2>
        {actor.isSuperAdmin ? (
          <p className="text-sm text-slate-700">You are a superadmin: you can do everything in every tenant.</p>
        ) : bindings.length === 0 ? (
          <p className="text-sm text-slate-700">You are a member of {tenantName} without a role yet. Ask an administrator for the access you need.</p>
        ) : (
          <>
            <ul className="flex flex-wrap gap-2" aria-label="Your roles">
              {bindings.map((binding) => (
                <li key={binding.id} className="badge badge-brand">
                  {heldRoleLabel(binding)}
                </li>
              ))}
            </ul>
            <dl className="space-y-2 text-sm">
              {access!.effective.map((scope) => (
                <div key={scope.namespace ?? ""} className="sm:flex sm:gap-2">
                  <dt className="font-medium text-slate-800">{scope.namespace ? `On ${scope.namespace}` : "Tenant-wide"}:</dt>
                  <dd className="text-slate-700">you can {summarizeRows(scope.rows)}.</dd>
                </div>
              ))}
            </dl>
          </>
        )}
        {cards.length === 0 && (
          <p className="text-sm text-slate-600">
            You have no administration rights here; your roles apply to the tenant&apos;s namespaces.
          </p>
        )}
        <Link href="/account" className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 underline-offset-4 hover:underline">
          <UserRound aria-hidden className="size-4" />
          Your account and two-factor authentication
        </Link>
      </section>
      {cards.length > 0 && (
        <ul className="grid gap-4 sm:grid-cols-2">
          {cards.map(({ href, title, text, Icon }) => (
            <li key={href}>
              <Link href={href} className="flex h-full gap-3 rounded-lg border border-slate-200 bg-surface p-4 shadow-sm hover:border-brand-600">
                <Icon aria-hidden className="mt-0.5 size-5 text-brand-700" />
                <span>
                  <span className="block font-medium text-slate-900">{title}</span>
                  <span className="block text-sm text-slate-600">{text}</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
