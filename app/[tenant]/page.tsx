import Link from "next/link";
import { ScrollText, ShieldCheck } from "lucide-react";
import { PageHeader } from "@/components/page-header";
import { pageActor } from "@/lib/auth/tenant-actor";
import { visibleSections } from "@/lib/iam/authz/visible-sections";

export const metadata = { title: "Home" };

export default async function TenantHomePage({ params }: PageProps<"/[tenant]">) {
  const { tenant } = await params;
  const actor = await pageActor(tenant);
  const sections = visibleSections(actor.principal, tenant);
  const cards = [
    sections.iam && { href: `/${tenant}/admin/iam`, title: "IAM", text: "Users, invitations, groups and roles of this tenant.", Icon: ShieldCheck },
    sections.auditLogs && { href: `/${tenant}/admin/audit-logs`, title: "Audit logs", text: "Who changed what, and when.", Icon: ScrollText },
  ].filter((card) => card !== false);
  return (
    <div className="space-y-6">
      <PageHeader title={`Welcome, ${actor.name}`} description="Manage who can do what in this tenant." />
      {cards.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-600">
          You&apos;re a member of this tenant but have no administration rights here. Your roles apply to the tenant&apos;s
          namespaces; ask an administrator if you need more.
        </p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {cards.map(({ href, title, text, Icon }) => (
            <li key={href}>
              <Link href={href} className="flex h-full gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-600">
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
