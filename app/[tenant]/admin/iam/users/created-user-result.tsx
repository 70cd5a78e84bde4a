"use client";

import Link from "next/link";
import { Button, buttonClasses } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import type { CreatedUser } from "@/lib/iam/users/create-user";

interface CreatedUserResultProps {
  tenant: string;
  created: CreatedUser;
  ssoName: string | null;
  onCreateAnother: () => void;
  onDone: () => void;
}

const focusOnMount = (element: HTMLElement | null) => element?.focus();

/** After "Create user": the one-time password, shown this once, or how the person signs in with SSO. */
export function CreatedUserResult({ tenant, created, ssoName, onCreateAnother, onDone }: CreatedUserResultProps) {
  return (
    <div className="space-y-4">
      <div ref={focusOnMount} tabIndex={-1} className="space-y-2 outline-none">
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          Account created for {created.email}
        </p>
        <p className="text-sm text-slate-700">
          {created.oneTimePassword
            ? "Give them this password over a channel you trust. It is shown only now; at first sign-in they must choose their own."
            : `They sign in with ${ssoName ?? "single sign-on"} using ${created.email}.`}
        </p>
      </div>
      {created.oneTimePassword && <CopyField value={created.oneTimePassword} label="One-time password" copyLabel="Copy password" />}
      <div className="flex flex-wrap justify-end gap-2">
        <Link href={`/${tenant}/admin/iam/users/${created.userId}`} prefetch={false} className={buttonClasses("ghost")} onClick={onDone}>
          Open their page
        </Link>
        <Button variant="secondary" onClick={onCreateAnother}>
          Create another
        </Button>
        <Button onClick={onDone}>Done</Button>
      </div>
    </div>
  );
}
