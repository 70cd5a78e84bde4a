import { AppShell } from "@/components/app-shell";
import { requireActor } from "@/lib/auth/current-actor";

export const metadata = { title: "Your account" };

/** One's own account, outside any tenant: the shell without a tenant's navigation. */
export default async function AccountLayout({ children }: LayoutProps<"/account">) {
  // The page itself decides whether a pending password change lets it render (/account/password does).
  const actor = await requireActor({ allowPasswordChangePending: true });
  return <AppShell user={{ name: actor.name, email: actor.email }}>{children}</AppShell>;
}
