import Link from "next/link";
import { pageActorWith } from "@/lib/auth/tenant-actor";
import { formatDateTime, plural } from "@/lib/format";
import { tenantMfaOverview } from "@/lib/iam/mfa/tenant-mfa-policy";
import { MfaPolicyForm } from "./mfa-policy-form";

export const metadata = { title: "Security" };

export default async function SecurityPage({ params }: PageProps<"/[tenant]/admin/iam/security">) {
  const { tenant } = await params;
  const actor = await pageActorWith(tenant, "SETTING", "READ");
  const overview = await tenantMfaOverview(actor);
  return (
    <div className="max-w-2xl space-y-6">
      <section aria-labelledby="mfa-policy" className="space-y-4 rounded-xl border border-slate-200 bg-surface p-4 shadow-sm sm:p-6">
        <div className="space-y-1">
          <h2 id="mfa-policy" className="text-lg font-semibold text-slate-900">
            Two-factor authentication
          </h2>
          <p className="text-sm text-slate-600">
            {overview.members === 0
              ? "This tenant has no members yet."
              : overview.membersWithoutFactor === 0
                ? overview.members === 1
                  ? "The only member has set it up."
                  : `All ${overview.members} members have set it up.`
                : `${plural(overview.membersWithoutFactor, "member")} of ${overview.members} ${overview.membersWithoutFactor === 1 ? "has" : "have"} not set it up yet.`}{" "}
            {overview.membersWithoutFactor > 0 && (
              <Link href={`/${tenant}/admin/iam/users?mfa=off`} className="text-brand-700 underline underline-offset-4">
                See who
              </Link>
            )}
          </p>
          {overview.requireMfa && overview.since && <p className="text-sm text-slate-600">Required since {formatDateTime(overview.since)}.</p>}
        </div>
        <MfaPolicyForm
          tenant={tenant}
          canEdit={overview.canEdit}
          actorHasFactor={overview.actorHasFactor}
          defaults={{ requireMfa: overview.requireMfa, requireMfaForSso: overview.requireMfaForSso, graceDays: overview.graceDays }}
        />
      </section>
    </div>
  );
}
