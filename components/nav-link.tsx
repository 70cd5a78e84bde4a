"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

/** A link that marks itself as the current page when the URL is at or below `href`. */
export function NavLink({ href, className, activeClassName, children }: { href: string; className: string; activeClassName: string; children: React.ReactNode }) {
  const pathname = usePathname();
  const isActive = pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link href={href} aria-current={isActive ? "page" : undefined} className={cn(className, isActive && activeClassName)}>
      {children}
    </Link>
  );
}
