import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

/**
 * Class names joined as clsx does (strings, arrays, `{ class: condition }`), then de-conflicted by tailwind-merge: of
 * two utilities for the same property the later wins, so a caller's `py-1` replaces a primitive's `py-2` instead of
 * racing it in the stylesheet. Component classes (`.cell`, `.badge`) pass through untouched.
 */
export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}
