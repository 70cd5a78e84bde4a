import { redirect } from "next/navigation";
import { currentActor } from "@/lib/auth/actor";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { LoginForm } from "./login-form";

export const metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const callbackUrl = safeCallbackPath((await searchParams).callbackUrl);
  if (await currentActor()) redirect(callbackUrl);
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm space-y-6">
        <div className="space-y-2 text-center">
          {/* eslint-disable-next-line @next/next/no-img-element -- a tiny static SVG needs no optimisation */}
          <img src="/icon.svg" alt="" width={40} height={40} className="mx-auto" />
          <h1 className="text-2xl font-semibold tracking-tight">Sign in to IAM Console</h1>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <LoginForm callbackUrl={callbackUrl} />
        </div>
      </div>
    </main>
  );
}
