import { ScrollFrame } from "@/components/ui/scroll-frame";
import { cn } from "@/lib/utils";

// Styled table parts; semantics stay plain HTML so screen readers get real rows, columns and headers.
export function Table({ caption, children }: { caption: string; children: React.ReactNode }) {
  return (
    // `relative`: screen-reader-only text in cells (position: absolute) stays inside the scrolling frame instead of
    // widening the page on a phone.
    <ScrollFrame label={caption} className="relative overflow-x-auto rounded-lg border border-slate-200 bg-surface shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </ScrollFrame>
  );
}

interface HeaderCellProps {
  children?: React.ReactNode;
  /** The column of row buttons: no visible title, "Actions" for screen readers (children are ignored). */
  actions?: boolean;
  className?: string;
}

/** A column header; `<HeaderCell actions />` heads the column of per-row buttons. */
export function HeaderCell({ children, actions = false, className }: HeaderCellProps) {
  return (
    <th scope="col" className={cn("whitespace-nowrap bg-slate-50 px-4 py-3 text-xs font-semibold uppercase tracking-wide text-slate-600", className)}>
      {actions ? <span className="sr-only">Actions</span> : children}
    </th>
  );
}

/** A data cell: `.cell` (app/globals.css) plus any utilities given, which take precedence. */
export function Cell({ children, className }: { children?: React.ReactNode; className?: string }) {
  return <td className={cn("cell", className)}>{children}</td>;
}

export function EmptyRow({ columns, children }: { columns: number; children: React.ReactNode }) {
  return (
    <tr>
      <td colSpan={columns} className="px-4 py-10 text-slate-600">
        {/* Pinned to the visible part of a table wider than a phone, so the message is never cut off by the scroll box. */}
        <p className="sticky left-4 w-[min(100%,calc(100vw-4rem))] text-center">{children}</p>
      </td>
    </tr>
  );
}
