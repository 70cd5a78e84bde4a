import { forbidden } from "next/navigation";
import { pageActor } from "@/lib/auth/tenant-actor";
import { visibleSections } from "@/lib/iam/authz/visible-sections";
import { iamOverview } from "@/lib/iam/overview/iam-overview";
import { InvitationOutcomesSection } from "./invitation-outcomes-section";
import { OverviewCounts } from "./overview-counts";

export const metadata = { title: "IAM overview" };

export default async function IamOverviewPage({ params }: PageProps<"/[tenant]/admin/iam">) {
  const { tenant } = await params;
  const actor = await pageActor(tenant);
  // The layout refuses too, but Next renders the page alongside it: refused here first, the domain's Forbidden is
  // never thrown (and logged as a server error) for what is an ordinary 403.
  if (!visibleSections(actor.principal, tenant).iamTabs.overview) forbidden();
  const overview = await iamOverview(actor);
  return (
    <div className="space-y-6">
      <OverviewCounts tenant={tenant} overview={overview} />
      {overview.invitations && <InvitationOutcomesSection days={overview.invitations.last30Days} />}
    </div>
  );
}
