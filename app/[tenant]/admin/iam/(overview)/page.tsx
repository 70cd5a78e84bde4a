import { pageActor } from "@/lib/auth/tenant-actor";
import { iamOverview } from "@/lib/iam/overview/iam-overview";
import { InvitationOutcomesSection } from "./invitation-outcomes-section";
import { OverviewCounts } from "./overview-counts";

export const metadata = { title: "IAM overview" };

export default async function IamOverviewPage({ params }: PageProps<"/[tenant]/admin/iam">) {
  const { tenant } = await params;
  const overview = await iamOverview(await pageActor(tenant));
  return (
    <div className="space-y-6">
      <OverviewCounts tenant={tenant} overview={overview} />
      {overview.invitations && <InvitationOutcomesSection days={overview.invitations.last30Days} />}
    </div>
  );
}
