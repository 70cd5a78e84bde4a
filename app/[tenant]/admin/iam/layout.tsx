import { PageHeader } from "@/components/page-header";
import { NavLink } from "@/components/nav-link";
import { pageActor } from "@/lib/auth/tenant-actor";
import { visibleSections } from "@/lib/iam/authz/visible-sections";

const TABS = [
  { segment: "users", label: "Users" },
  { segment: "invitations", label: "Invitations" },
  { segment: "groups", label: "Groups" },
  { segment: "roles", label: "Roles" },
  { segment: "namespaces", label: "Namespaces" },
  { segment: "security", label: "Security" },
] as const;

export default async function IamLayout({ children, params }: LayoutProps<"/[tenant]/admin/iam">) {
  const { tenant } = await params;
  const { iamTabs } = visibleSections((await pageActor(tenant)).principal, tenant);
  return (
    <div className="space-y-6">
      <PageHeader title="IAM" description="Identity and access management: who belongs to this tenant and what they may do." />
      {/* The tabs scroll sideways inside their own strip on a phone, never the page. */}
      <nav aria-label="IAM sections" className="overflow-x-auto border-b border-slate-200">
        <ul className="-mb-px flex gap-4 whitespace-nowrap">
          {TABS.filter((tab) => iamTabs[tab.segment]).map((tab) => (
            <li key={tab.segment}>
              <NavLink
                href={`/${tenant}/admin/iam/${tab.segment}`}
                className="inline-block border-b-2 border-transparent px-1 pb-2 text-sm font-medium text-slate-600 hover:border-slate-300 hover:text-slate-800"
                activeClassName="!border-brand-600 !text-brand-700"
              >
                {tab.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </div>
  );
}
