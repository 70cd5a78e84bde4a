import { cn } from "@/lib/utils";

/**
 * The frame of the pages people see before they are signed in (sign-in, its second step, an invitation): the logo,
 * the page's heading, an optional line under it, and a card with the form.
 */
export function PublicPage({
  title,
  description,
  wide = false,
  cardClassName = "space-y-4",
  children,
}: {
  title: string;
  description?: React.ReactNode;
  wide?: boolean;
  cardClassName?: string;
  children: React.ReactNode;
}) {
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className={cn("w-full space-y-6", wide ? "max-w-lg" : "max-w-sm")}>
        <div className="space-y-2 text-center">
          {/* eslint-disable-next-line @next/next/no-img-element -- a tiny static SVG needs no optimisation */}
          <img src="/icon.svg" alt="" width={40} height={40} className="mx-auto" />
          <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
          {description && <p className="text-sm text-slate-600">{description}</p>}
        </div>
        <div className={cn("rounded-xl border border-slate-200 bg-surface p-6 shadow-sm", cardClassName)}>{children}</div>
      </div>
    </main>
  );
}
