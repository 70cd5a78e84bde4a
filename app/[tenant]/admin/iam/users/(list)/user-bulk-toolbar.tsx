"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { notifyDone, notifyFailed } from "@/components/notify";
import type { Selection } from "@/components/row-selection/row-selection";
import { plural } from "@/lib/format";
import { setUsersDisabledAction, type BulkUserRow } from "./actions";
import { userSummary } from "./user-bulk-summary";

interface UserBulkToolbarProps {
  tenant: string;
  selection: Selection;
  onReport: (rows: BulkUserRow[]) => void;
  /**
   * Where the confirmation returns focus: the button that opened it (set here on opening), until the report of a
   * confirmed action mounts and takes the ref, since the button goes with the selection.
   */
  returnFocusRef: React.RefObject<HTMLElement | null>;
}

/**
 * "Disable…" (confirmed: it signs them out everywhere) and "Enable" for the selected users; each reports per row and
 * then clears the selection.
 */
export function UserBulkToolbar({ tenant, selection, onReport, returnFocusRef }: UserBulkToolbarProps) {
  // The ids the confirmation was opened for: the selection may change behind a dialog that is closing.
  const [disabling, setDisabling] = useState<string[] | null>(null);
  const [isEnabling, startEnable] = useTransition();
  const ids = selection.rows.map((row) => row.id);

  const enable = () => {
    if (isEnabling) return;
    startEnable(async () => {
      const result = await setUsersDisabledAction(tenant, ids, false);
      if (!result.ok) return notifyFailed(result.error);
      onReport(result.data);
      notifyDone(userSummary(result.data));
      selection.clear();
    });
  };

  return (
    <>
      <Button
        variant="secondary"
        className="text-red-700"
        onClick={(event) => {
          returnFocusRef.current = event.currentTarget;
          setDisabling(ids);
        }}
      >
        Disable…
      </Button>
      <Button variant="secondary" onClick={enable} aria-disabled={isEnabling}>
        {isEnabling ? "Enabling…" : "Enable"}
      </Button>
      <ConfirmDialog
        open={disabling !== null}
        onOpenChange={(open) => {
          if (!open) setDisabling(null);
        }}
        returnFocusTo={returnFocusRef}
        title={`Disable ${plural(disabling?.length ?? 0, "user")}?`}
        description="They are signed out everywhere and cannot sign in to any tenant until enabled again. Anyone you may not disable is skipped, with the reason."
        confirmLabel="Disable"
        onConfirm={async () => {
          const result = await setUsersDisabledAction(tenant, disabling ?? [], true);
          if (result.ok) onReport(result.data);
          return result;
        }}
        doneMessage={`Disable finished for ${plural(disabling?.length ?? 0, "selected user")}; the summary above the list shows each.`}
        onDone={selection.clear}
      />
    </>
  );
}
