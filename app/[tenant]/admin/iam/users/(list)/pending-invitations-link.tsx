import Link from "next/link";
import { MailPlus } from "lucide-react";
import { plural } from "@/lib/format";
import { listHref } from "@/lib/pagination/search-params";

/**
 * "3 pending invitations", beside the Users tab's filters: the people invited who are not users yet, on the
 * Invitations tab filtered to them (its count, countPendingInvitations, is what that filter lists).
 */
export function PendingInvitationsLink({ tenant, count }: { tenant: string; count: number }) {
  return (
    <Link
      href={listHref(`/${tenant}/admin/iam/invitations`, { status: "PENDING" })}
      className="inline-flex items-center gap-1.5 py-2 text-sm font-medium text-brand-700 underline underline-offset-4 hover:text-brand-800"
    >
      <MailPlus aria-hidden className="size-4" />
      {plural(count, "pending invitation")}
    </Link>
  );
}
