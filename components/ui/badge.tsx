import { cva, type VariantProps } from "class-variance-authority";
import { cn } from "@/lib/utils";

// The variants are component classes (app/globals.css: .badge, .badge-<tone>): a badge repeats on every row of a list.
export const badgeVariants = cva("badge", {
  variants: {
    tone: {
      neutral: "badge-neutral",
      brand: "badge-brand",
      success: "badge-success",
      warning: "badge-warning",
      danger: "badge-danger",
    },
  },
  defaultVariants: { tone: "neutral" },
});

export type BadgeTone = NonNullable<VariantProps<typeof badgeVariants>["tone"]>;

export function Badge({ tone, className, ...props }: React.ComponentProps<"span"> & VariantProps<typeof badgeVariants>) {
  return <span className={cn(badgeVariants({ tone }), className)} {...props} />;
}
