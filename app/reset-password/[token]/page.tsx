import Link from "next/link";
import { viewPasswordReset, type ResetUnavailableReason } from "@/lib/iam/account/password-resets";
import { ResetForm } from "./reset-form";

export const metadata = { title: "Choose a new password" };

const UNAVAILABLE: Record<ResetUnavailableReason, { title: string; body: string }> = {
  invalid: { title: "This link is not valid", body: "Check that you copied all of it from the email, or ask for a new one." },
  used: { title: "This link has already been used", body: "Each reset link works once. Ask for a new one if you need to reset your password again." },
  expired: { title: "This link has expired", body: "Reset links work for a limited time. Ask for a new one." },
  superseded: { title: "A newer link was sent", body: "This link stopped working when a newer one was sent. Use the link in the newest email." },
};

export default async function ResetPasswordPage({ params }: PageProps<"/reset-password/[token]">) {
  const { token } = await params;
  const view = await viewPasswordReset(token);
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm space-y-6">
        <h1 className="text-center text-2xl font-semibold tracking-tight">{view.ok ? "Choose a new password" : UNAVAILABLE[view.reason].title}</h1>
        <div className="space-y-4 rounded-xl border border-slate-200 bg-surface p-6 shadow-sm">
          {view.ok ? (
            <>
              <p className="text-sm text-slate-600">Setting it signs you out everywhere else and signs you in here.</p>
              <ResetForm token={token} email={view.email} />
            </>
          ) : (
            <>
              <p className="text-sm text-slate-700">{UNAVAILABLE[view.reason].body}</p>
              <Link href="/login/forgot" className="text-sm font-medium text-brand-700 underline-offset-4 hover:underline">
                Ask for a new link
              </Link>
            </>
          )}
        </div>
      </div>
    </main>
  );
}
