import Link from "next/link";
import { House, ScrollText, ShieldCheck, UserRound } from "lucide-react";
import { NavLink } from "@/components/nav-link";
import { TenantSwitcher } from "@/components/tenant-switcher";
import { UserMenu } from "@/components/user-menu";
import { StepUpProvider } from "@/components/mfa/step-up-provider";
import { MobileNavigation } from "@/components/mobile-navigation";
import type { TenantSummary } from "@/lib/iam/tenants/tenant-membership";
import type { VisibleSections } from "@/lib/iam/authz/visible-sections";

interface AppShellProps {
  /** The tenant being worked in, with its navigation; none on pages of one's own account (/account). */
  tenant?: {
    current: TenantSummary;
    tenants: TenantSummary[];
    sections: VisibleSections;
  };
  user: { name: string; email: string };
  children: React.ReactNode;
}

export function AppShell({ tenant, user, children }: AppShellProps) {
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#content"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-surface focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="flex h-14 items-center justify-between border-b border-slate-200 bg-surface px-4">
        <div className="flex min-w-0 items-center gap-2 sm:gap-3">
          {tenant && (
            <MobileNavigation>
              <TenantNavigationLinks tenantId={tenant.current.id} sections={tenant.sections} />
            </MobileNavigation>
          )}
          <Link href={tenant ? `/${tenant.current.id}` : "/"} className="flex shrink-0 items-center gap-2 font-semibold text-slate-900">
            {/* eslint-disable-next-line @next/next/no-img-element -- a tiny static SVG needs no optimisation */}
            <img src="/icon.svg" alt="" width={24} height={24} />
            {/* On a phone the logo alone: the tenant switcher and the user menu need the room. */}
            <span className="max-sm:sr-only">IAM Console</span>
          </Link>
          {tenant && (
            <>
              <span aria-hidden className="text-slate-300">
                /
              </span>
              <TenantSwitcher current={tenant.current} tenants={tenant.tenants} />
            </>
          )}
        </div>
        <UserMenu name={user.name} email={user.email} />
      </header>
      <div className="flex flex-1">
        {tenant && <TenantNavigation tenantId={tenant.current.id} sections={tenant.sections} />}
        <main id="content" className="min-w-0 flex-1 p-4 sm:p-6 lg:p-8">
          <StepUpProvider>{children}</StepUpProvider>
        </main>
      </div>
    </div>
  );
}

/** The sidebar from 768 px up; below, the same links open from the header's menu button (MobileNavigation). */
function TenantNavigation({ tenantId, sections }: { tenantId: string; sections: VisibleSections }) {
  return (
    <div className="hidden w-56 shrink-0 border-r border-slate-200 bg-surface p-3 md:block">
      <TenantNavigationLinks tenantId={tenantId} sections={sections} />
    </div>
  );
}

function TenantNavigationLinks({ tenantId, sections }: { tenantId: string; sections: VisibleSections }) {
  const navLink = "flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100";
  return (
    <nav aria-label="Main">
      {/* Home is always there, so a member without administration rights still has a page to come back to. */}
      <ul className="mb-4 space-y-1">
        <li>
          <NavLink href={`/${tenantId}`} exact className={navLink} activeClassName="bg-brand-50 text-brand-800">
            <House aria-hidden className="size-4" />
            Home
          </NavLink>
        </li>
        <li>
          <NavLink href="/account" className={navLink} activeClassName="bg-brand-50 text-brand-800">
            <UserRound aria-hidden className="size-4" />
            Your account
          </NavLink>
        </li>
      </ul>
      {(sections.iam || sections.auditLogs) && (
        <h2 className="px-3 pb-2 pt-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Administration</h2>
      )}
      <ul className="space-y-1">
        {sections.iam && (
          <li>
            <NavLink href={`/${tenantId}/admin/iam`} className={navLink} activeClassName="bg-brand-50 text-brand-800">
              <ShieldCheck aria-hidden className="size-4" />
              IAM
            </NavLink>
          </li>
        )}
        {sections.auditLogs && (
          <li>
            <NavLink href={`/${tenantId}/admin/audit-logs`} className={navLink} activeClassName="bg-brand-50 text-brand-800">
              <ScrollText aria-hidden className="size-4" />
              Audit logs
            </NavLink>
          </li>
        )}
      </ul>
    </nav>
  );
}
