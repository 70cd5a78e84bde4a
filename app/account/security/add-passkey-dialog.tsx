"use client";

import { startRegistration } from "@simplewebauthn/browser";
import { KeyRound } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import { useStepUp } from "@/components/mfa/step-up-provider";
import type { EnrolmentOutcome } from "@/lib/iam/mfa/enrolment";
import { finishPasskeyAction, startPasskeyAction } from "./actions";
import { EnrolmentResult } from "./enrolment-result";
import { passkeyErrorMessage } from "@/components/mfa/webauthn-errors";

/** Name the passkey, then the browser creates it (on this device, a phone or a security key). */
export function AddPasskeyDialog() {
  const router = useRouter();
  const withStepUp = useStepUp();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [outcome, setOutcome] = useState<EnrolmentOutcome | null>(null);
  const [busy, setBusy] = useState(false);

  async function create(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    setFieldErrors({});
    if (!name.trim()) {
      setFieldErrors({ name: ["Give it a name."] });
      return;
    }
    setBusy(true);
    try {
      const options = await withStepUp(startPasskeyAction);
      if (!options.ok) {
        setError(options.error);
        return;
      }
      let response: unknown;
      try {
        response = await startRegistration({ optionsJSON: options.data });
      } catch (failure) {
        setError(passkeyErrorMessage(failure, "create"));
        return;
      }
      const result = await finishPasskeyAction({ name, response });
      if (result.ok) setOutcome(result.data);
      else {
        setError(result.fieldErrors ? null : result.error);
        setFieldErrors(result.fieldErrors ?? {});
      }
    } finally {
      setBusy(false);
    }
  }

  function reset(next: boolean) {
    setOpen(next);
    if (!next) {
      if (outcome) router.refresh();
      setOutcome(null);
      setName("");
      setError(null);
      setFieldErrors({});
    }
  }

  return (
    <Dialog
      title="Add a passkey"
      description="Your device asks for your fingerprint, face, PIN or security key. Only its public key is kept here."
      open={open}
      onOpenChange={reset}
      trigger={
        <Button variant="secondary">
          <KeyRound aria-hidden className="size-4" />
          Add passkey
        </Button>
      }
    >
      {outcome ? (
        <EnrolmentResult outcome={outcome} onDone={() => reset(false)} />
      ) : (
        <form onSubmit={create} noValidate className="space-y-4" aria-label="Add a passkey">
          <FormError message={error} />
          <TextField label="Name" hint="e.g. MacBook Touch ID, YubiKey" name="name" maxLength={64} autoFocus value={name} onChange={(event) => setName(event.target.value)} errors={fieldErrors.name} />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => reset(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={busy}>
              {busy ? "Waiting for your device…" : "Create passkey"}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
