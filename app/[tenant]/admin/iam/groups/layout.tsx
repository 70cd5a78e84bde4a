import { pageActorWith } from "@/lib/auth/tenant-actor";

// The permission check sits in the layout, above the list's loading boundary: a refusal inside a streamed
// response would reach the browser as a 200 instead of a 403.
export default async function GroupsLayout({ children, params }: LayoutProps<"/[tenant]/admin/iam/groups">) {
  const { tenant } = await params;
  await pageActorWith(tenant, "GROUP", "READ");
  return children;
}
