"use client";

import * as AlertDialog from "@radix-ui/react-alert-dialog";
import { useState, useTransition } from "react";
import { buttonClasses } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/result";

interface ConfirmDialogProps {
  /** The button that opens the confirmation. */
  trigger: React.ReactNode;
  title: string;
  description: string;
  confirmLabel: string;
  onConfirm: () => Promise<ActionResult<unknown>>;
  onDone?: () => void;
}

/** Confirmation for destructive actions; shows the action's error inline and stays open on failure. */
export function ConfirmDialog({ trigger, title, description, confirmLabel, onConfirm, onDone }: ConfirmDialogProps) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  return (
    <AlertDialog.Root open={open} onOpenChange={(next) => { setOpen(next); setError(null); }}>
      <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <AlertDialog.Content className="fixed left-1/2 top-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl">
          <AlertDialog.Title className="text-lg font-semibold text-slate-900">{title}</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-slate-600">{description}</AlertDialog.Description>
          {error && (
            <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {error}
            </p>
          )}
          <div className="mt-6 flex justify-end gap-2">
            <AlertDialog.Cancel className={buttonClasses("secondary")}>Cancel</AlertDialog.Cancel>
            <button
              type="button"
              disabled={isPending}
              className={buttonClasses("danger")}
              onClick={() =>
                startTransition(async () => {
                  const result = await onConfirm();
                  if (result.ok) {
                    setOpen(false);
                    onDone?.();
                  } else {
                    setError(result.error);
                  }
                })
              }
            >
              {isPending ? "Working…" : confirmLabel}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
