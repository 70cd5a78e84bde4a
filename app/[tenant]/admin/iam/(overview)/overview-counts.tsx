import Link from "next/link";
import type { IamOverview } from "@/lib/iam/overview/iam-overview";
import { EXPIRING_SOON_DAYS } from "@/lib/iam/invitations/invitation-schemas";

interface CountLink {
  label: string;
  count: number;
  href: string;
}

/** One card per count the viewer may read, each a link to the list it counts, filtered as the count is. */
export function OverviewCounts({ tenant, overview }: { tenant: string; overview: IamOverview }) {
  const iam = `/${tenant}/admin/iam`;
  const { members, invitations, groups, roles } = overview;
  const counts: CountLink[] = [
    ...(members
      ? [
          { label: "Members", count: members.total, href: `${iam}/users` },
          { label: "Members without two-factor", count: members.withoutMfa, href: `${iam}/users?mfa=off` },
        ]
      : []),
    ...(invitations
      ? [
          { label: "Pending invitations", count: invitations.pending, href: `${iam}/invitations?status=PENDING` },
          { label: `Invitations expiring within ${EXPIRING_SOON_DAYS} days`, count: invitations.expiringSoon, href: `${iam}/invitations?status=EXPIRING_SOON` },
        ]
      : []),
    ...(groups === undefined ? [] : [{ label: "Groups", count: groups, href: `${iam}/groups` }]),
    ...(roles === undefined ? [] : [{ label: "Roles", count: roles, href: `${iam}/roles` }]),
  ];
  const scope = invitations?.scope;
  return (
    <section aria-labelledby="overview-counts" className="space-y-3">
      <h2 id="overview-counts" className="sr-only">
        Counts
      </h2>
      <ul className="grid grid-cols-1 gap-4 min-[420px]:grid-cols-2 lg:grid-cols-3">
        {counts.map(({ label, count, href }) => (
          <li key={href}>
            {/* Not prefetched: six links would each run their section's guard and list query on the server at once. */}
            <Link href={href} prefetch={false} className="block h-full rounded-lg border border-slate-200 bg-surface p-4 shadow-sm hover:border-brand-600">
              <span className="block text-3xl font-semibold tabular-nums text-slate-900">{count}</span>{" "}
              <span className="block text-sm font-medium text-slate-700">{label}</span>
            </Link>
          </li>
        ))}
      </ul>
      {scope && !scope.tenantWide && (
        <p className="text-sm text-slate-600">
          Invitations to {scope.within.join(", ")} only, here and in the chart. Invitations that grant access tenant-wide, to groups or as a
          superadmin need INVITATION:READ tenant-wide.
        </p>
      )}
    </section>
  );
}
