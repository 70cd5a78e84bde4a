import Link from "next/link";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { COLUMN_SORTS, columnSort, type SortableColumn, type UserSort } from "@/lib/iam/users/user-filter-schemas";

interface SortHeaderCellProps {
  column: SortableColumn;
  label: string;
  /** The list's current order. */
  sort: UserSort;
  /** The list's URL with another order (and no cursor: a new order starts on its first page). */
  href: (sort: UserSort) => string;
  /** Before the title, e.g. "Select all on this page". */
  children?: React.ReactNode;
}

/**
 * A column header that sorts: a link to A–Z, or to Z–A when the list is already A–Z by it, with aria-sort and an arrow
 * on the column the list is sorted by. HeaderCell's look, on a `th` of its own for aria-sort.
 */
export function SortHeaderCell({ column, label, sort, href, children }: SortHeaderCellProps) {
  const { direction, next } = columnSort(column, sort);
  const Arrow = direction === "ascending" ? ArrowUp : direction === "descending" ? ArrowDown : ArrowUpDown;
  return (
    <th scope="col" aria-sort={direction} className="whitespace-nowrap bg-slate-50 px-4 py-3 text-xs font-semibold uppercase tracking-wide text-slate-600">
      <span className="flex items-center gap-3">
        {children}
        <Link href={href(next)} scroll={false} className="inline-flex items-center gap-1 rounded-sm uppercase hover:text-slate-900 hover:underline underline-offset-4">
          {label}
          <Arrow aria-hidden className={direction ? "size-3.5 text-slate-900" : "size-3.5 text-slate-400"} />
          <span className="sr-only">, sort {next === COLUMN_SORTS[column].descending ? "Z–A" : "A–Z"}</span>
        </Link>
      </span>
    </th>
  );
}
