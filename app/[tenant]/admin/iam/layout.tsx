import { PageHeader } from "@/components/page-header";
import { NavLink } from "@/components/nav-link";
import { pageActor } from "@/lib/auth/tenant-actor";
import { visibleSections } from "@/lib/iam/authz/visible-sections";

// The overview is the section's own URL; every other tab is a segment below it.
const TABS = [
  { tab: "overview", path: "", label: "Overview" },
  { tab: "users", path: "/users", label: "Users" },
  { tab: "invitations", path: "/invitations", label: "Invitations" },
  { tab: "groups", path: "/groups", label: "Groups" },
  { tab: "roles", path: "/roles", label: "Roles" },
  { tab: "namespaces", path: "/namespaces", label: "Namespaces" },
  { tab: "security", path: "/security", label: "Security" },
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
          {TABS.filter((tab) => iamTabs[tab.tab]).map((tab) => (
            <li key={tab.tab}>
              <NavLink
                href={`/${tenant}/admin/iam${tab.path}`}
                exact={tab.path === ""}
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
