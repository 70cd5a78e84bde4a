"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { UserPlus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Form, FormField } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import { useActionSubmit } from "@/components/use-action-submit";
import type { InviteOutcome } from "@/lib/iam/invitations/create-invitation";
import { inviteSchema, type InviteInput } from "@/lib/iam/invitations/invitation-schemas";
import { AccessFields, emptyAccess } from "./access-fields";
import { AccessPreview } from "./access-preview";
import { BulkInvite } from "./bulk-invite";
import { ChoicesStatus } from "./choices-status";
import { inviteAction, type BulkInviteRow } from "./invite-actions";
import { InviteResult } from "./invite-result";
import { RequireMfaCheckbox, SuperAdminCheckbox } from "./superadmin-checkbox";
import { useInviteChoices } from "./use-invite-choices";

interface InviteDialogProps {
  tenant: string;
  canInviteIntoGroups: boolean;
  /** False for namespace-scoped admins: they must restrict the role to their namespaces. */
  isTenantWide: boolean;
  isSuperAdmin: boolean;
  isEmailConfigured: boolean;
}

type Mode = "single" | "several";
const MODES: { mode: Mode; label: string }[] = [
  { mode: "single", label: "One person" },
  { mode: "several", label: "Invite several" },
];

/** "Invite user": one address (the default) or a pasted list, with a group or a role to grant (docs/rules.md § Invitations). */
export function InviteDialog({ tenant, canInviteIntoGroups, isTenantWide, isSuperAdmin, isEmailConfigured }: InviteDialogProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<Mode>("single");
  const [outcome, setOutcome] = useState<InviteOutcome | null>(null);
  const [bulkRows, setBulkRows] = useState<BulkInviteRow[] | null>(null);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const router = useRouter();
  // Read ahead when the button is pointed at or focused, so the pickers are usually there when the dialog opens.
  const { state: choicesState, choices, load: loadChoices, prefetch: prefetchChoices, retry: retryChoices } = useInviteChoices(tenant, {
    canInviteIntoGroups,
    isTenantWide,
  });
  const defaultValues = { email: "", access: emptyAccess(canInviteIntoGroups ? "GROUP" : "ROLE"), superAdmin: false, requireMfa: false };
  const form = useForm<z.input<typeof inviteSchema>, unknown, InviteInput>({ resolver: zodResolver(inviteSchema), defaultValues });

  const { submit, formError, clearFormError } = useActionSubmit(form, (input) => inviteAction(tenant, input), (data) => {
    setOutcome(data);
    // The list behind the dialog catches up while the outcome is shown (the action does not re-render the page).
    router.refresh();
  });

  const startOver = () => {
    form.reset(defaultValues);
    setOutcome(null);
    clearFormError();
  };

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (next) loadChoices();
    // A finished invite starts fresh next time; a half-filled form is kept in case the dialog was closed by mistake.
    if (!next && (outcome || bulkRows)) {
      startOver();
      setBulkRows(null);
      setMode("single");
    }
  };

  // Tabs pattern: arrow keys move between the two modes, Tab moves into the panel.
  const onTabKeyDown = (event: React.KeyboardEvent, index: number) => {
    const target = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: MODES.length - 1 }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = (target + MODES.length) % MODES.length;
    setMode(MODES[next].mode);
    tabs.current[next]?.focus();
  };

  return (
    <Dialog
      title="Invite user"
      description={
        isEmailConfigured
          ? "They get an email with a link to set up their account; you also get the link to share."
          : "Email isn't configured here: you get a link to share with them yourself."
      }
      open={open}
      onOpenChange={onOpenChange}
      wide={mode === "several"}
      trigger={
        <Button onPointerEnter={prefetchChoices} onFocus={prefetchChoices}>
          <UserPlus aria-hidden className="size-4" />
          Invite
        </Button>
      }
    >
      {outcome ? (
        <InviteResult tenant={tenant} outcome={outcome} onInviteAnother={startOver} onDone={() => onOpenChange(false)} />
      ) : !choices ? (
        <ChoicesStatus state={choicesState} onCancel={() => onOpenChange(false)} onRetry={retryChoices} />
      ) : (
        <div className="space-y-4">
          <div role="tablist" aria-label="How many people" className="flex gap-1 rounded-lg bg-slate-100 p-1">
            {MODES.map((tab, index) => (
              <button
                key={tab.mode}
                ref={(element) => {
                  tabs.current[index] = element;
                }}
                type="button"
                role="tab"
                id={`${id}-${tab.mode}-tab`}
                aria-selected={mode === tab.mode}
                aria-controls={mode === tab.mode ? `${id}-panel` : undefined}
                tabIndex={mode === tab.mode ? 0 : -1}
                onClick={() => setMode(tab.mode)}
                onKeyDown={(event) => onTabKeyDown(event, index)}
                className="flex-1 rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 aria-selected:bg-surface aria-selected:text-slate-900 aria-selected:shadow-sm"
              >
                {tab.label}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-${mode}-tab`}>
            {mode === "single" ? (
              <Form {...form}>
                <form onSubmit={(event) => (form.formState.isSubmitting ? event.preventDefault() : submit(event))} className="space-y-4" noValidate>
                  <FormError message={formError} />
                  <FormField
                    control={form.control}
                    name="email"
                    render={({ field }) => <TextField label="Email" type="email" autoComplete="off" autoFocus maxLength={254} {...field} />}
                  />
                  <AccessFields {...choices} />
                  {choicesState.status === "ready" && <AccessPreview {...choicesState.choices} isTenantWide={isTenantWide} />}
                  {isSuperAdmin && <SuperAdminCheckbox />}
                  <RequireMfaCheckbox />
                  <div className="flex justify-end gap-2">
                    <Button variant="secondary" onClick={() => onOpenChange(false)}>
                      Cancel
                    </Button>
                    <Button type="submit" aria-disabled={form.formState.isSubmitting}>
                      {form.formState.isSubmitting ? "Inviting…" : "Invite"}
                    </Button>
                  </div>
                </form>
              </Form>
            ) : (
              <BulkInvite
                tenant={tenant}
                onCancel={() => onOpenChange(false)}
                onResults={(rows) => {
                  setBulkRows(rows);
                  if (rows) router.refresh();
                }}
                {...choices}
              />
            )}
          </div>
        </div>
      )}
    </Dialog>
  );
}
