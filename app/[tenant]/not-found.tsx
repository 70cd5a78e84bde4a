"use client";

import Link from "next/link";
import { useParams } from "next/navigation";

export default function TenantPageNotFound() {
  const { tenant } = useParams<{ tenant: string }>();
  return (
    <div className="space-y-3">
      <h2 className="text-xl font-semibold text-slate-900">Page not found</h2>
      <p className="text-sm text-slate-600">There is nothing at this address. Check the link, or pick a section from the menu.</p>
      <Link href={`/${tenant}`} className="inline-block text-sm font-medium text-brand-700 underline underline-offset-4">
        Back to the tenant&apos;s home
      </Link>
    </div>
  );
}
