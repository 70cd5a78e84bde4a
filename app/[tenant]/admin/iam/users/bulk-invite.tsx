"use client";

import { useStepUp } from "@/components/mfa/step-up-provider";
import { RequireMfaCheckbox } from "./superadmin-checkbox";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Form, FormField } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import { Cell, HeaderCell, Table } from "@/components/ui/table";
import { TextAreaField } from "@/components/ui/text-field";
import { applyFieldErrors } from "@/components/form-errors";
import { bulkInviteSchema, distinctAddresses, readPastedAddresses, splitEmails } from "@/lib/iam/invitations/invitation-schemas";
import { InvitationLinkField } from "../invitations/invitation-link-field";
import { AccessFields, emptyAccess, type AccessChoices } from "./access-fields";
import { bulkInviteAction, type BulkInviteRow, type BulkOutcome } from "./invite-actions";

type BulkInviteValues = z.input<typeof bulkInviteSchema>;

interface BulkInviteProps extends AccessChoices {
  tenant: string;
  onCancel: () => void;
  /** Called with the results, so the dialog can widen for the table. */
  onResults: (rows: BulkInviteRow[] | null) => void;
}

/** What the pasted text holds before anything is sent: addresses, and how many of them are malformed or repeated. */
function preview(text: string) {
  const pasted = readPastedAddresses(splitEmails(text));
  const invalid = pasted.filter((address) => address.kind === "invalid").length;
  const unique = distinctAddresses(pasted).length;
  return { total: pasted.length, unique, invalid, duplicates: pasted.length - invalid - unique };
}

/** "Invite several": one access for a pasted list of addresses; each row's outcome is reported. */
export function BulkInvite({ tenant, onCancel, onResults, ...choices }: BulkInviteProps) {
  const [rows, setRows] = useState<BulkInviteRow[] | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const withStepUp = useStepUp();
  const form = useForm<BulkInviteValues, unknown, z.output<typeof bulkInviteSchema>>({
    resolver: zodResolver(bulkInviteSchema),
    defaultValues: { emails: "", access: emptyAccess(choices.canInviteIntoGroups ? "GROUP" : "ROLE"), requireMfa: false },
  });

  const counts = preview(useWatch({ control: form.control, name: "emails" }) ?? "");

  const submit = form.handleSubmit(async (input) => {
    setFormError(null);
    const result = await withStepUp(() => bulkInviteAction(tenant, input));
    if (result.ok) {
      setRows(result.data);
      onResults(result.data);
    } else {
      setFormError(result.error);
      applyFieldErrors(form, result);
    }
  });

  if (rows) {
    return (
      <BulkResults
        rows={rows}
        onInviteMore={() => {
          setRows(null);
          onResults(null);
          form.reset();
        }}
        onDone={onCancel}
      />
    );
  }

  return (
    <Form {...form}>
      <form onSubmit={(event) => (form.formState.isSubmitting ? event.preventDefault() : submit(event))} className="space-y-4" noValidate>
        <FormError message={formError} />
        <FormField
          control={form.control}
          name="emails"
          render={({ field }) => (
            <TextAreaField
              label="Emails"
              rows={6}
              hint={
                counts.total === 0
                  ? "One address per line, or separated by commas or semicolons."
                  : `${counts.unique} to invite${counts.invalid ? `, ${counts.invalid} not valid` : ""}${counts.duplicates ? `, ${counts.duplicates} repeated` : ""}.`
              }
              {...field}
            />
          )}
        />
        <AccessFields {...choices} />
        <RequireMfaCheckbox />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" aria-disabled={form.formState.isSubmitting}>
            {form.formState.isSubmitting ? "Inviting…" : "Invite"}
          </Button>
        </div>
      </form>
    </Form>
  );
}

const OUTCOMES: Record<BulkOutcome, { label: string; tone: "success" | "neutral" | "warning" | "danger" | "brand" }> = {
  invited: { label: "Invited", tone: "success" },
  "access-granted": { label: "Access granted", tone: "brand" },
  "already-pending": { label: "Already pending", tone: "warning" },
  "already-member": { label: "Already member", tone: "neutral" },
  invalid: { label: "Invalid", tone: "danger" },
  duplicate: { label: "Duplicate", tone: "neutral" },
};

const focusOnMount = (element: HTMLElement | null) => element?.focus();

function BulkResults({ rows, onInviteMore, onDone }: { rows: BulkInviteRow[]; onInviteMore: () => void; onDone: () => void }) {
  const summary = (Object.keys(OUTCOMES) as BulkOutcome[])
    .map((outcome) => [OUTCOMES[outcome].label.toLowerCase(), rows.filter((row) => row.outcome === outcome).length] as const)
    .filter(([, count]) => count > 0)
    .map(([label, count]) => `${count} ${label}`)
    .join(", ");
  return (
    <div className="space-y-4">
      <p ref={focusOnMount} tabIndex={-1} role="status" className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800 outline-none">
        Done: {summary}.
      </p>
      <Table caption="Invitation results">
        <thead>
          <tr>
            <HeaderCell>Email</HeaderCell>
            <HeaderCell>Result</HeaderCell>
            <HeaderCell>Details</HeaderCell>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row, index) => (
            <tr key={`${index}-${row.email}`}>
              <Cell className="max-w-56 break-all font-medium text-slate-900">{row.email}</Cell>
              <Cell>
                <Badge tone={OUTCOMES[row.outcome].tone}>{OUTCOMES[row.outcome].label}</Badge>
              </Cell>
              <Cell className="min-w-64 space-y-2">
                <p>{row.message}</p>
                {row.link && <InvitationLinkField link={row.link} forEmail={row.email} />}
              </Cell>
            </tr>
          ))}
        </tbody>
      </Table>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onInviteMore}>
          Invite more
        </Button>
        <Button onClick={onDone}>Done</Button>
      </div>
    </div>
  );
}
