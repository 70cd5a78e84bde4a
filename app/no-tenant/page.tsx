import { StatusPage } from "@/components/status-page";
import { SignOutButton } from "@/components/sign-out-button";

export const metadata = { title: "No tenant" };

export default function NoTenantPage() {
  return (
    <StatusPage code="No access" title="You don't have access to any tenant yet">
      <p>Ask an administrator to invite you to a tenant, then sign in again.</p>
      <SignOutButton />
    </StatusPage>
  );
}
