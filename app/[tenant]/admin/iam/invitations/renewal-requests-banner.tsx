import Link from "next/link";
import { plural } from "@/lib/format";
import { listHref } from "@/lib/pagination/search-params";

const linkClass = "font-medium text-brand-700 underline underline-offset-4 hover:text-brand-800";

/**
 * "2 people asked for a new link", above the Invitations tab's list, with a link to just those invitations (and back
 * to all of them when that filter is on). Nothing when nobody asked.
 */
export function RenewalRequestsBanner({ tenant, count, isFiltered }: { tenant: string; count: number; isFiltered: boolean }) {
  if (count === 0 && !isFiltered) return null;
  const tab = `/${tenant}/admin/iam/invitations`;
  return (
    <p className="flex flex-wrap items-center gap-x-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950">
      <span>{count === 0 ? "Nobody is waiting for a new link." : `${plural(count, "person", "people")} asked for a new link.`}</span>
      {isFiltered ? (
        <Link href={tab} className={linkClass}>
          Show all invitations
        </Link>
      ) : (
        <Link href={listHref(tab, { renewal: "requested" })} className={linkClass}>
          Show {count === 1 ? "it" : "them"}
        </Link>
      )}
    </p>
  );
}
