"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import { useStepUp } from "@/components/mfa/step-up-provider";
import { setMfaPolicyAction } from "./actions";

interface Policy {
  requireMfa: boolean;
  requireMfaForSso: boolean;
  graceDays: number;
}

/** The tenant's "Require two-factor authentication" policy; read-only without tenant-wide SETTING:UPDATE. */
export function MfaPolicyForm({ tenant, canEdit, actorHasFactor, defaults }: { tenant: string; canEdit: boolean; actorHasFactor: boolean; defaults: Policy }) {
  const router = useRouter();
  const withStepUp = useStepUp();
  const [requireMfa, setRequireMfa] = useState(defaults.requireMfa);
  const [requireMfaForSso, setRequireMfaForSso] = useState(defaults.requireMfaForSso);
  const [graceDays, setGraceDays] = useState(String(defaults.graceDays));
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFieldErrors({});
    setStatus("");
    const result = await withStepUp(() => setMfaPolicyAction(tenant, { requireMfa, requireMfaForSso, graceDays }));
    setBusy(false);
    if (result.ok) {
      setStatus(result.data.requireMfa ? "Two-factor authentication is now required." : "Two-factor authentication is no longer required.");
      router.refresh();
      return;
    }
    setError(result.error);
    setFieldErrors(result.fieldErrors ?? {});
  }

  return (
    <form onSubmit={save} noValidate className="space-y-4" aria-label="Two-factor authentication policy">
      <FormError message={error} />
      <fieldset disabled={!canEdit} className="space-y-4">
        <CheckboxField
          label="Require two-factor authentication"
          hint="Members without a second factor must set one up at their next sign-in, and cannot use this tenant until they do."
          checked={requireMfa}
          onChange={(event) => setRequireMfa(event.target.checked)}
        />
        <CheckboxField
          label="Also for people who sign in with SSO"
          hint="Off: the identity provider's own MFA is trusted. On: SSO sign-ins also ask for a second factor here."
          checked={requireMfa && requireMfaForSso}
          disabled={!requireMfa}
          onChange={(event) => setRequireMfaForSso(event.target.checked)}
          className="ml-6"
        />
        <div className="max-w-xs">
          <TextField
            label="Grace period (days)"
            hint="How long members may keep working before they must set it up: 0 to 90."
            name="graceDays"
            type="number"
            inputMode="numeric"
            min={0}
            max={90}
            value={graceDays}
            disabled={!requireMfa}
            onChange={(event) => setGraceDays(event.target.value)}
            errors={fieldErrors.graceDays}
          />
        </div>
      </fieldset>
      {canEdit && !actorHasFactor && !defaults.requireMfa && (
        <p className="text-sm text-slate-700">
          Set up two-factor authentication for your own account first (
          <Link href="/account/security" className="text-brand-700 underline underline-offset-4">
            Your account › Two-factor authentication
          </Link>
          ), so that you keep access when the requirement applies.
        </p>
      )}
      {canEdit ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={busy}>
            {busy ? "Saving…" : "Save"}
          </Button>
          <p role="status" className="text-sm text-emerald-800">
            {status}
          </p>
        </div>
      ) : (
        <p className="text-sm text-slate-600">You need the SETTING:UPDATE permission tenant-wide to change this.</p>
      )}
    </form>
  );
}
