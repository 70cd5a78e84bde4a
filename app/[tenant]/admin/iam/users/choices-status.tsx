"use client";

import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import type { InviteChoicesState } from "./use-invite-choices";

/** What the Invite and Create user dialogs show until their pickers are read: a loading line, or why not and a retry. */
export function ChoicesStatus({ state, onCancel, onRetry }: { state: InviteChoicesState; onCancel: () => void; onRetry: () => void }) {
  if (state.status === "failed") {
    return (
      <div className="space-y-4">
        <FormError message={state.error} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button onClick={onRetry}>Try again</Button>
        </div>
      </div>
    );
  }
  return (
    <p role="status" className="py-6 text-center text-sm text-slate-600">
      Loading the groups and roles you can grant…
    </p>
  );
}
