import { cva, type VariantProps } from "class-variance-authority";
import { cn } from "@/lib/utils";

export const buttonVariants = cva(
  "inline-flex items-center justify-center gap-2 rounded-md px-3 py-2 text-sm font-medium transition-colors disabled:cursor-not-allowed",
  {
    variants: {
      variant: {
        primary: "bg-action text-white hover:bg-action-hover disabled:bg-action/60",
        secondary: "border border-slate-300 bg-surface text-slate-800 hover:bg-slate-50 disabled:text-slate-400",
        danger: "bg-danger text-white hover:bg-danger-hover disabled:bg-danger/60",
        ghost: "text-slate-700 hover:bg-slate-100",
      },
    },
    defaultVariants: { variant: "primary" },
  },
);

export type ButtonVariant = NonNullable<VariantProps<typeof buttonVariants>["variant"]>;

/** A button's classes for another element (a link, a Radix part); `className` wins over the variant's utilities. */
export function buttonClasses(variant: ButtonVariant = "primary", className?: string): string {
  return cn(buttonVariants({ variant }), className);
}

type ButtonProps = React.ComponentProps<"button"> & VariantProps<typeof buttonVariants>;

/** `type="button"` unless told otherwise, so a button in a form submits only when it says so. `ref` is a plain prop. */
export function Button({ variant, className, type = "button", ...props }: ButtonProps) {
  return <button type={type} className={buttonClasses(variant ?? undefined, className)} {...props} />;
}
