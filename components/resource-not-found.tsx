"use client";

import Link from "next/link";
import { useParams } from "next/navigation";

/**
 * The 404 of a detail page inside the console frame. Unknown ids, malformed ids and other tenants' ids end here
 * alike, so a guessed id reveals nothing. A client component because not-found files receive no params.
 */
export function ResourceNotFound({ title, backLabel, section }: { title: string; backLabel: string; section: string }) {
  const { tenant } = useParams<{ tenant: string }>();
  return (
    <div className="space-y-3">
      <h2 className="text-xl font-semibold text-slate-900">{title}</h2>
      <p className="text-sm text-slate-600">It may have been deleted, or the link is wrong.</p>
      <Link href={`/${tenant}/${section}`} className="inline-block text-sm font-medium text-brand-700 underline underline-offset-4">
        {backLabel}
      </Link>
    </div>
  );
}
