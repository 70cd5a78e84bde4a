"use client";

import { RelativeTime } from "@/components/relative-time";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { unlinkSsoAccountAction } from "./actions";

export interface LinkedAccountRow {
  id: string;
  label: string;
  linkedAt: Date;
}

/** The SSO identities linked to the account; unlinking is offered only while a password remains (docs/rules.md § Accounts 5). */
export function LinkedAccounts({ accounts, hasPassword }: { accounts: LinkedAccountRow[]; hasPassword: boolean }) {
  const router = useRouter();
  return (
    <div className="space-y-3">
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-surface text-sm">
        <li className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
          <span>
            <span className="font-medium text-slate-900">Password</span> — {hasPassword ? "set" : "not set: you sign in with single sign-on"}
          </span>
        </li>
        {accounts.map((account) => (
          <li key={account.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
            <span>
              <span className="font-medium text-slate-900">{account.label}</span> — linked <RelativeTime date={account.linkedAt} />
            </span>
            {hasPassword ? (
              <ConfirmDialog
                trigger={<Button variant="secondary">Unlink</Button>}
                title={`Unlink ${account.label}?`}
                description="You will sign in with your password. Signing in with single sign-on later links the identity again if its verified email is yours."
                confirmLabel="Unlink"
                onConfirm={() => unlinkSsoAccountAction(account.id)}
                doneMessage={`${account.label} was unlinked.`}
                onDone={() => router.refresh()}
              />
            ) : (
              <span className="text-xs text-slate-600">Your only way to sign in: it cannot be unlinked.</span>
            )}
          </li>
        ))}
        {accounts.length === 0 && <li className="px-4 py-3 text-slate-600">No single sign-on identity is linked.</li>}
      </ul>
    </div>
  );
}
