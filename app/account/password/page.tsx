import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/current-actor";
import { ChooseNewPassword } from "./choose-new-password";

export const metadata = { title: "Choose a new password" };

/** Before anything else, for someone whose password was generated or set by an admin (docs/rules.md § Accounts 6). */
export default async function ChoosePasswordPage() {
  const actor = await requireActor({ allowPasswordChangePending: true });
  if (!actor.mustChangePassword) redirect("/account");
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Choose a new password</h1>
        <p className="text-sm text-slate-600">
          Your password was set for you. Choose one only you know before you continue: enter the current one, then the new one.
        </p>
      </div>
      <div className="rounded-xl border border-slate-200 bg-surface p-4 shadow-sm sm:p-6">
        <ChooseNewPassword email={actor.email} />
      </div>
    </div>
  );
}
