"use client";

import { BackLink } from "@/components/back-link";
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
      <BackLink href={`/${tenant}/${section}`}>{backLabel}</BackLink>
    </div>
  );
}
