import { ArrowLeft } from "lucide-react";
import Link from "next/link";

/** The one "back to the list" link of a detail page or a dead end: same arrow, words and look everywhere. */
export function BackLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Link href={href} className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 underline-offset-4 hover:underline">
      <ArrowLeft aria-hidden className="size-4" />
      {children}
    </Link>
  );
}
