"use client";

import { useEffect, useRef, useState } from "react";

/**
 * The box a wide table scrolls in on a phone. While it does scroll, it is a focusable, labelled region, so a keyboard
 * user can scroll it with the arrow keys (WCAG 2.1.1; axe's scrollable-region-focusable); while everything fits, it
 * is no extra Tab stop.
 */
export function ScrollFrame({ label, className, children }: { label: string; className: string; children: React.ReactNode }) {
  const frame = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const measure = () => setScrolls(element.scrollWidth > element.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={frame} className={className} {...(scrolls ? { tabIndex: 0, role: "region", "aria-label": label } : {})}>
      {children}
    </div>
  );
}
