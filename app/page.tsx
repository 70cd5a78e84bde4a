import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/current-actor";
import { tenantsOf } from "@/lib/iam/tenants/tenant-membership";

export default async function RootPage() {
  const actor = await requireActor();
  const [first] = await tenantsOf(actor);
  redirect(first ? `/${first.id}` : "/no-tenant");
}
