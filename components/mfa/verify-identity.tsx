"use client";

import { startAuthentication } from "@simplewebauthn/browser";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { KeyRound } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import type { ActionResult } from "@/lib/actions/result";
import { passkeyErrorMessage } from "@/components/mfa/webauthn-errors";

/** What the person can prove themselves with (lib/iam/mfa/prove-identity.ts ProofChoices). */
export interface VerifyChoices {
  totp: boolean;
  passkeys: number;
  recoveryCodes: number;
  password: boolean;
}

type Method = "passkey" | "totp" | "recovery_code" | "password";

interface VerifyIdentityProps {
  choices: VerifyChoices;
  /** Whether the password counts here (step-up), or only a second factor (the second step of a sign-in). */
  allowPassword: boolean;
  prove: (proof: unknown) => Promise<ActionResult<unknown>>;
  passkeyOptions: () => Promise<ActionResult<PublicKeyCredentialRequestOptionsJSON>>;
  onVerified: () => void;
  submitLabel?: string;
}

const OTHER_LABELS: Record<Method, string> = {
  passkey: "Use a passkey",
  totp: "Use your authenticator app",
  recovery_code: "Use a recovery code",
  password: "Use your password",
};

/**
 * "Verify it's you": a passkey, a code from the authenticator app, a recovery code, or (for step-up) the password.
 * One method at a time, the others a click away; every refusal is shown under the field it concerns.
 */
export function VerifyIdentity({ choices, allowPassword, prove, passkeyOptions, onVerified, submitLabel = "Verify" }: VerifyIdentityProps) {
  const methods: Method[] = [
    ...(choices.passkeys > 0 ? (["passkey"] as const) : []),
    ...(choices.totp ? (["totp"] as const) : []),
    ...(allowPassword && choices.password ? (["password"] as const) : []),
    ...(choices.recoveryCodes > 0 ? (["recovery_code"] as const) : []),
  ];
  const [method, setMethod] = useState<Method | undefined>(methods[0]);
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function choose(next: Method) {
    setMethod(next);
    setValue("");
    setError(null);
    setFieldError(null);
  }

  async function send(proof: unknown) {
    const result = await prove(proof);
    if (result.ok) {
      onVerified();
      return;
    }
    const field = result.fieldErrors && Object.values(result.fieldErrors)[0]?.[0];
    if (field) setFieldError(field);
    else setError(result.error);
  }

  async function usePasskey() {
    setBusy(true);
    setError(null);
    try {
      const options = await passkeyOptions();
      if (!options.ok) {
        setError(options.error);
        return;
      }
      let response: unknown;
      try {
        response = await startAuthentication({ optionsJSON: options.data });
      } catch (failure) {
        setError(passkeyErrorMessage(failure, "use"));
        return;
      }
      await send({ method: "passkey", response });
    } finally {
      setBusy(false);
    }
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!method || method === "passkey") return;
    setBusy(true);
    setError(null);
    setFieldError(null);
    try {
      await send(method === "password" ? { method, password: value } : { method, code: value });
    } finally {
      setBusy(false);
    }
  }

  if (!method) {
    return <p className="text-sm text-slate-700">You have no way to verify here. Sign out and sign in again to continue.</p>;
  }

  return (
    <div className="space-y-4">
      <FormError message={error} />
      {method === "passkey" ? (
        <div className="space-y-2">
          <p className="text-sm text-slate-700">Use the passkey on this device or your security key.</p>
          <Button className="w-full" onClick={usePasskey} disabled={busy}>
            <KeyRound aria-hidden className="size-4" />
            {busy ? "Waiting for your passkey…" : "Use a passkey"}
          </Button>
          {fieldError && (
            <p role="alert" className="text-sm text-red-700">
              {fieldError}
            </p>
          )}
        </div>
      ) : (
        <form onSubmit={submit} noValidate className="space-y-4" aria-label="Verify it's you">
          {method === "totp" && (
            <TextField
              label="Authentication code"
              hint="The 6-digit code from your authenticator app."
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9 ]*"
              maxLength={9}
              autoFocus
              value={value}
              onChange={(event) => setValue(event.target.value)}
              errors={fieldError ? [fieldError] : undefined}
            />
          )}
          {method === "recovery_code" && (
            <TextField
              label="Recovery code"
              hint="One of the codes you saved when you set up two-factor authentication. Each works once."
              name="recovery-code"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={40}
              autoFocus
              value={value}
              onChange={(event) => setValue(event.target.value)}
              errors={fieldError ? [fieldError] : undefined}
            />
          )}
          {method === "password" && (
            <TextField
              label="Password"
              name="password"
              type="password"
              autoComplete="current-password"
              maxLength={1024}
              autoFocus
              value={value}
              onChange={(event) => setValue(event.target.value)}
              errors={fieldError ? [fieldError] : undefined}
            />
          )}
          <Button type="submit" className="w-full" disabled={busy}>
            {busy ? "Verifying…" : submitLabel}
          </Button>
        </form>
      )}
      {methods.length > 1 && (
        <div className="space-y-1 border-t border-slate-200 pt-3">
          <p className="text-xs font-medium text-slate-600">Other ways to verify</p>
          <ul className="flex flex-col items-start gap-1">
            {methods
              .filter((other) => other !== method)
              .map((other) => (
                <li key={other}>
                  <button type="button" className="text-sm text-brand-700 underline-offset-4 hover:underline" onClick={() => choose(other)}>
                    {OTHER_LABELS[other]}
                    {other === "recovery_code" ? ` (${choices.recoveryCodes} left)` : ""}
                  </button>
                </li>
              ))}
          </ul>
        </div>
      )}
    </div>
  );
}
