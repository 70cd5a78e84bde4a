import { BackLink } from "@/components/back-link";
import Link from "next/link";
import { isEmailConfigured } from "@/lib/email/resend";
import { ForgotForm } from "./forgot-form";

export const metadata = { title: "Reset your password" };

export default function ForgotPasswordPage() {
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm space-y-6">
        <div className="space-y-2 text-center">
          <h1 className="text-2xl font-semibold tracking-tight">Reset your password</h1>
          <p className="text-sm text-slate-600">
            {isEmailConfigured() ? "Enter the email you sign in with. We will email you a link to choose a new password." : ""}
          </p>
        </div>
        <div className="space-y-4 rounded-xl border border-slate-200 bg-surface p-6 shadow-sm">
          {isEmailConfigured() ? (
            <ForgotForm />
          ) : (
            <p className="text-sm text-slate-700">
              This console does not send email. Ask an administrator to create a password reset link for you from your user page.
            </p>
          )}
        </div>
        <p className="text-center text-sm">
          <BackLink href="/login">Back to sign in</BackLink>
        </p>
      </div>
    </main>
  );
}
