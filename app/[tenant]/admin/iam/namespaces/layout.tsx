import { forbidden } from "next/navigation";
import { pageActor } from "@/lib/auth/tenant-actor";
import { visibleSections } from "@/lib/iam/authz/visible-sections";

// Checked here, before loading.tsx streams a 200: NAMESPACE:READ alone is a workload permission, so the registry
// also needs some IAM right (see visibleSections).
export default async function NamespacesLayout({ children, params }: LayoutProps<"/[tenant]/admin/iam/namespaces">) {
  const { tenant } = await params;
  if (!visibleSections((await pageActor(tenant)).principal, tenant).iamTabs.namespaces) forbidden();
  return children;
}
