import Link from "next/link";
import { ScrollText, ShieldCheck } from "lucide-react";
import { requireActor } from "@/lib/auth/actor";
import { PageHeader } from "@/components/page-header";

export const metadata = { title: "Home" };

export default async function TenantHomePage({ params }: PageProps<"/[tenant]">) {
  const { tenant } = await params;
  const actor = await requireActor();
  const cards = [
    { href: `/${tenant}/admin/iam/users`, title: "IAM", text: "Users, invitations, groups and roles of this tenant.", Icon: ShieldCheck },
    { href: `/${tenant}/admin/audit-logs`, title: "Audit logs", text: "Who changed what, and when.", Icon: ScrollText },
  ];
  return (
    <div className="space-y-6">
      <PageHeader title={`Welcome, ${actor.name}`} description="Manage who can do what in this tenant." />
      <ul className="grid gap-4 sm:grid-cols-2">
        {cards.map(({ href, title, text, Icon }) => (
          <li key={href}>
            <Link href={href} className="flex h-full gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-600">
              <Icon aria-hidden className="mt-0.5 size-5 text-brand-700" />
              <span>
                <span className="block font-medium text-slate-900">{title}</span>
                <span className="block text-sm text-slate-600">{text}</span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
