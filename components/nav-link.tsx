"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

interface NavLinkProps {
  href: string;
  className: string;
  activeClassName: string;
  /** Current only at `href` itself: a section's landing page, whose URL every page of the section lies below. */
  exact?: boolean;
  children: React.ReactNode;
}

/** A link that marks itself as the current page when the URL is at or below `href` (at it, when `exact`). */
export function NavLink({ href, className, activeClassName, exact = false, children }: NavLinkProps) {
  const pathname = usePathname();
  const isActive = pathname === href || (!exact && pathname.startsWith(`${href}/`));
  return (
    <Link href={href} aria-current={isActive ? "page" : undefined} className={cn(className, isActive && activeClassName)}>
      {children}
    </Link>
  );
}
