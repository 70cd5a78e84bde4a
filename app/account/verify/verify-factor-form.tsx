"use client";

import { VerifyIdentity, type VerifyChoices } from "@/components/mfa/verify-identity";
import { stepUpAction, stepUpPasskeyOptionsAction } from "@/app/account/security/step-up-actions";

export function VerifyFactorForm({ choices, callbackUrl }: { choices: VerifyChoices; callbackUrl: string }) {
  return (
    <VerifyIdentity
      choices={choices}
      allowPassword={false}
      prove={stepUpAction}
      passkeyOptions={stepUpPasskeyOptionsAction}
      onVerified={() => window.location.assign(callbackUrl)}
      submitLabel="Continue"
    />
  );
}
