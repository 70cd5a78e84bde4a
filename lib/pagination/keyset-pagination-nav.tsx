import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

/** A list's page links (keyset cursors in the URL); a link that doesn't apply is passed as null and not shown. */
export function PaginationNav({ links, label = "Pagination" }: { links: ({ label: string; href: string } | null)[]; label?: string }) {
  const shown = links.filter((link) => link !== null);
  return (
    <nav aria-label={label} className="flex justify-end gap-2">
      {shown.map((link) => (
        <Link key={link.label} href={link.href} className={buttonClasses("secondary")}>
          {link.label}
        </Link>
      ))}
    </nav>
  );
}

export type PageCursor = { before?: string; after?: string };

/** "Previous page" / "Next page" of a keyset-paged list: `href` puts a neighbour's cursor into the list's URL. */
export function KeysetPaginationNav({ label, previousCursor, nextCursor, href }: {
  label?: string;
  previousCursor?: string;
  nextCursor?: string;
  href: (cursor: PageCursor) => string;
}) {
  return (
    <PaginationNav
      label={label}
      links={[
        previousCursor ? { label: "Previous page", href: href({ before: previousCursor }) } : null,
        nextCursor ? { label: "Next page", href: href({ after: nextCursor }) } : null,
      ]}
    />
  );
}
