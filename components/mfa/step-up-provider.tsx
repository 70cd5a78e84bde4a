"use client";

import { createContext, useCallback, useContext, useRef, useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { Button } from "@/components/ui/button";
import dynamic from "next/dynamic";
import type { VerifyChoices } from "@/components/mfa/verify-identity";
import type { ActionFailure } from "@/lib/actions/result";
import { stepUpAction, stepUpChoicesAction, stepUpPasskeyOptionsAction } from "@/app/account/security/step-up-actions";

// Step-up (docs/rules.md § Two-factor authentication 5) on the client: an action refused with `stepUp` opens
// "Confirm it's you"; once the person has verified, the same action runs again with the same input.

type Confirm = () => Promise<boolean>;

// Every console page carries the provider; the form (and the WebAuthn client under it) loads only when asked for.
const VerifyIdentity = dynamic(() => import("@/components/mfa/verify-identity").then((module) => module.VerifyIdentity), {
  ssr: false,
  loading: () => (
    <p role="status" className="text-sm text-slate-600">
      Loading…
    </p>
  ),
});

const StepUpContext = createContext<Confirm | null>(null);

export function StepUpProvider({ children }: { children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const [choices, setChoices] = useState<VerifyChoices | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const settle = useRef<((confirmed: boolean) => void) | null>(null);

  const confirm = useCallback<Confirm>(() => {
    setOpen(true);
    setChoices(null);
    setLoadError(null);
    void stepUpChoicesAction().then((result) => (result.ok ? setChoices(result.data) : setLoadError(result.error)));
    return new Promise<boolean>((resolve) => {
      settle.current = resolve;
    });
  }, []);

  function close(confirmed: boolean) {
    setOpen(false);
    settle.current?.(confirmed);
    settle.current = null;
  }

  return (
    <StepUpContext.Provider value={confirm}>
      {children}
      <Dialog
        title="Confirm it's you"
        description="This change needs you to have verified who you are in the last 10 minutes."
        open={open}
        onOpenChange={(next) => {
          if (!next) close(false);
        }}
      >
        {loadError ? (
          <p role="alert" className="text-sm text-red-800">
            {loadError}
          </p>
        ) : !choices ? (
          <p role="status" className="text-sm text-slate-600">
            Loading…
          </p>
        ) : (
          <VerifyIdentity choices={choices} allowPassword prove={stepUpAction} passkeyOptions={stepUpPasskeyOptionsAction} onVerified={() => close(true)} submitLabel="Confirm" />
        )}
        <div className="mt-4 flex justify-end">
          <Button variant="secondary" onClick={() => close(false)}>
            Cancel
          </Button>
        </div>
      </Dialog>
    </StepUpContext.Provider>
  );
}

/**
 * Wraps an action call: refused for want of a recent authentication, it asks the person to confirm it's them and
 * retries once. Outside a StepUpProvider the call is made as it is.
 */
export function useStepUp() {
  const confirm = useContext(StepUpContext);
  return useCallback(
    async <R extends { ok: true } | ActionFailure>(call: () => Promise<R>): Promise<R> => {
      const result = await call();
      if (result.ok || !(result as ActionFailure).stepUp || !confirm) return result;
      return (await confirm()) ? call() : result;
    },
    [confirm],
  );
}
