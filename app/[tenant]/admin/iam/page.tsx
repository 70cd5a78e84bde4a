import { forbidden, redirect } from "next/navigation";
import { pageActor } from "@/lib/auth/tenant-actor";
import { visibleSections } from "@/lib/iam/authz/visible-sections";

export default async function IamPage({ params }: PageProps<"/[tenant]/admin/iam">) {
  const { tenant } = await params;
  const { iamTabs } = visibleSections((await pageActor(tenant)).principal, tenant);
  const first = Object.entries(iamTabs).find(([, isVisible]) => isVisible)?.[0];
  if (!first) forbidden();
  redirect(`/${tenant}/admin/iam/${first}`);
}
