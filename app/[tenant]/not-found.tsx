"use client";

import { BackLink } from "@/components/back-link";
import Link from "next/link";
import { useParams } from "next/navigation";

export default function TenantPageNotFound() {
  const { tenant } = useParams<{ tenant: string }>();
  return (
    <div className="space-y-3">
      <h2 className="text-xl font-semibold text-slate-900">Page not found</h2>
      <p className="text-sm text-slate-600">There is nothing at this address. Check the link, or pick a section from the menu.</p>
      <BackLink href={`/${tenant}`}>Back to the tenant&apos;s home</BackLink>
    </div>
  );
}
