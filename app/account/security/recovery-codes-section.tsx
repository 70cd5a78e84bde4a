"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RecoveryCodesList } from "@/components/mfa/recovery-codes-list";
import { plural } from "@/lib/format";
import { regenerateRecoveryCodesAction } from "./actions";

/** How many codes are left, and new ones on request (shown once; the old ones stop working). */
export function RecoveryCodesSection({ left }: { left: number }) {
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">
        {left === 0 ? "You have no recovery codes left. Generate new ones now." : `${plural(left, "unused code")} of 10.`}
        {left > 0 && left <= 3 && " Running low: generate new ones."}
      </p>
      <ConfirmDialog
        trigger={<Button variant="secondary">Generate new codes</Button>}
        title="Generate new recovery codes?"
        description="Your current recovery codes stop working at once. The new ones are shown only once."
        confirmLabel="Generate new codes"
        doneMessage="New recovery codes were generated; the old ones no longer work."
        onConfirm={async () => {
          const result = await regenerateRecoveryCodesAction();
          if (result.ok) setCodes(result.data);
          return result;
        }}
      />
      <Dialog
        title="Your new recovery codes"
        description="Save them somewhere safe: each signs you in once if you lose your device. They are shown only now."
        open={codes !== null}
        onOpenChange={(open) => {
          if (!open) {
            setCodes(null);
            router.refresh();
          }
        }}
      >
        {codes && (
          <div className="space-y-4">
            <RecoveryCodesList codes={codes} />
            <div className="flex justify-end">
              <Button
                onClick={() => {
                  setCodes(null);
                  router.refresh();
                }}
              >
                I have saved my codes
              </Button>
            </div>
          </div>
        )}
      </Dialog>
    </div>
  );
}
