import Link from "next/link";

/** Full-page message for 404, 403, expired links and other dead ends: says what happened and where to go. */
export function StatusPage({ code, title, children }: { code: string; title: string; children?: React.ReactNode }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col justify-center gap-4 p-8">
      <p className="text-sm font-semibold text-brand-700">{code}</p>
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <div className="space-y-4 text-slate-600">{children}</div>
      <p>
        <Link href="/" className="font-medium text-brand-700 underline underline-offset-4 hover:text-brand-800">
          Go to the console
        </Link>
      </p>
    </main>
  );
}
