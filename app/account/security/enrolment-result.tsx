"use client";

import { Button } from "@/components/ui/button";
import { RecoveryCodesList } from "@/components/mfa/recovery-codes-list";
import type { EnrolmentOutcome } from "@/lib/iam/mfa/enrolment";

/** After a factor was added: the recovery codes (with the first factor), and the tenants joined thanks to it. */
export function EnrolmentResult({ outcome, onDone }: { outcome: EnrolmentOutcome; onDone: () => void }) {
  return (
    <div className="space-y-4">
      <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
        Two-factor authentication is on.
        {outcome.joinedTenants.length > 0 && ` You now have access to ${outcome.joinedTenants.join(", ")}.`}
      </p>
      {outcome.recoveryCodes && (
        <>
          <p className="text-sm text-slate-700">
            Save these recovery codes somewhere safe. If you lose your device, each one signs you in once. They are shown only now.
          </p>
          <RecoveryCodesList codes={outcome.recoveryCodes} />
        </>
      )}
      <div className="flex justify-end">
        <Button onClick={onDone}>{outcome.recoveryCodes ? "I have saved my codes" : "Done"}</Button>
      </div>
    </div>
  );
}
