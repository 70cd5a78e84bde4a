"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Smartphone } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import { useStepUp } from "@/components/mfa/step-up-provider";
import type { EnrolmentOutcome } from "@/lib/iam/mfa/enrolment";
import { confirmTotpAction, startTotpAction } from "./actions";
import { EnrolmentResult } from "./enrolment-result";

type Setup = { factorId: string; secret: string; qrCode: string };

/** Scan the QR code (or type the key), then confirm with a first code: only then does the app count. */
export function AddAuthenticatorDialog() {
  const router = useRouter();
  const withStepUp = useStepUp();
  const [open, setOpen] = useState(false);
  const [setup, setSetup] = useState<Setup | null>(null);
  const [outcome, setOutcome] = useState<EnrolmentOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [name, setName] = useState("Authenticator app");
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);

  async function begin() {
    setError(null);
    setBusy(true);
    const result = await withStepUp(startTotpAction);
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return false;
    }
    setSetup(result.data);
    return true;
  }

  async function confirm(event: React.FormEvent) {
    event.preventDefault();
    if (!setup) return;
    setBusy(true);
    setError(null);
    setFieldErrors({});
    const result = await confirmTotpAction({ factorId: setup.factorId, code, name });
    setBusy(false);
    if (result.ok) {
      setOutcome(result.data);
      return;
    }
    setError(result.fieldErrors ? null : result.error);
    setFieldErrors(result.fieldErrors ?? {});
  }

  function reset(next: boolean) {
    setOpen(next);
    if (!next) {
      if (outcome) router.refresh();
      setSetup(null);
      setOutcome(null);
      setCode("");
      setError(null);
      setFieldErrors({});
    }
  }

  return (
    <>
      <Button
        variant="secondary"
        disabled={busy && !open}
        onClick={async () => {
          if (await begin()) setOpen(true);
        }}
      >
        <Smartphone aria-hidden className="size-4" />
        Add authenticator app
      </Button>
      {!open && <FormError message={error} />}
      <Dialog title="Add an authenticator app" description="Google Authenticator, 1Password, Microsoft Authenticator or any app that shows 6-digit codes." open={open} onOpenChange={reset}>
        {outcome ? (
          <EnrolmentResult outcome={outcome} onDone={() => reset(false)} />
        ) : (
          setup && (
            <form onSubmit={confirm} noValidate className="space-y-4" aria-label="Add an authenticator app">
              <FormError message={error} />
              <ol className="list-inside list-decimal space-y-3 text-sm text-slate-700">
                <li>
                  Scan this QR code with the app.
                  {/* eslint-disable-next-line @next/next/no-img-element -- a generated data: SVG, nothing to optimise */}
                  <img src={setup.qrCode} alt="QR code to scan with your authenticator app" width={176} height={176} className="mt-2 rounded-md border border-slate-200 bg-surface p-2" />
                </li>
                <li>
                  Or type this key into the app:{" "}
                  <code aria-label="Setup key" className="break-all rounded bg-slate-100 px-1 py-0.5 font-mono text-slate-900">
                    {setup.secret.replace(/(.{4})/g, "$1 ").trim()}
                  </code>
                </li>
                <li>Enter the code the app shows.</li>
              </ol>
              <TextField
                label="Code from the app"
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={9}
                value={code}
                onChange={(event) => setCode(event.target.value)}
                errors={fieldErrors.code}
              />
              <TextField label="Name" hint="To tell your factors apart, e.g. the phone it is on." name="name" maxLength={64} value={name} onChange={(event) => setName(event.target.value)} errors={fieldErrors.name} />
              <div className="flex justify-end gap-2">
                <Button variant="secondary" onClick={() => reset(false)}>
                  Cancel
                </Button>
                <Button type="submit" disabled={busy}>
                  {busy ? "Checking…" : "Turn on"}
                </Button>
              </div>
            </form>
          )
        )}
      </Dialog>
    </>
  );
}
