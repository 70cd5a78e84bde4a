"use client";

import Link from "next/link";
import { useParams } from "next/navigation";

/** Unknown ids and other tenants' groups end here alike, so a guessed id reveals nothing. */
export default function GroupNotFound() {
  const { tenant } = useParams<{ tenant: string }>();
  return (
    <div className="space-y-3">
      <h2 className="text-xl font-semibold text-slate-900">Group not found</h2>
      <p className="text-sm text-slate-600">It may have been deleted, or the link is wrong.</p>
      <Link href={`/${tenant}/admin/iam/groups`} className="inline-block text-sm font-medium text-brand-700 underline underline-offset-4">
        Back to groups
      </Link>
    </div>
  );
}
