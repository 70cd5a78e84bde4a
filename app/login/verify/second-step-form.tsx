"use client";

import { VerifyIdentity, type VerifyChoices } from "@/components/mfa/verify-identity";
import { cancelSecondStepAction, proveSecondStepAction, secondStepPasskeyOptionsAction } from "./actions";

export function SecondStepForm({ choices, callbackUrl }: { choices: VerifyChoices; callbackUrl: string }) {
  return (
    <>
      <VerifyIdentity
        choices={choices}
        allowPassword={false}
        prove={proveSecondStepAction}
        passkeyOptions={secondStepPasskeyOptionsAction}
        // A full navigation: every server component reads the now complete session afresh.
        onVerified={() => window.location.assign(callbackUrl)}
        submitLabel="Sign in"
      />
      <form action={cancelSecondStepAction} className="border-t border-slate-200 pt-3 text-center">
        <button type="submit" className="text-sm text-slate-700 underline-offset-4 hover:underline">
          Sign in as someone else
        </button>
      </form>
    </>
  );
}
