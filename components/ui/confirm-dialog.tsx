"use client";

import * as AlertDialog from "@radix-ui/react-alert-dialog";
import { useState, useTransition } from "react";
import { buttonClasses } from "@/components/ui/button";
import type { ActionFailure } from "@/lib/actions/result";
import { useStepUp } from "@/components/mfa/step-up-provider";
import { notifyDone } from "@/components/notify";

interface ConfirmDialogProps<F extends ActionFailure> {
  /** The button that opens the confirmation; none when opened from a menu (then `open`, `onOpenChange`, `returnFocusTo`). */
  trigger?: React.ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** Where focus goes back on close when there is no trigger (the menu's button: the item that opened it is gone). */
  returnFocusTo?: React.RefObject<HTMLElement | null>;
  title: string;
  description: string;
  confirmLabel: string;
  onConfirm: () => Promise<{ ok: true } | F>;
  /** The toast once it is done ("Ada was removed from Data team."): every confirmed change says what happened. */
  doneMessage: string;
  /** Offered in that toast where reversing is exact and safe (docs/ui.md § Feedback). */
  undo?: Parameters<typeof notifyDone>[1];
  onDone?: () => void;
  /** More than the message for a refusal, e.g. the places a role is still used; default: the message. */
  renderFailure?: (failure: F) => React.ReactNode;
}

/** Confirmation for destructive actions; shows the action's refusal inline and stays open on failure. */
export function ConfirmDialog<F extends ActionFailure = ActionFailure>({
  trigger,
  open: controlledOpen,
  onOpenChange,
  returnFocusTo,
  title,
  description,
  confirmLabel,
  onConfirm,
  doneMessage,
  undo,
  onDone,
  renderFailure,
}: ConfirmDialogProps<F>) {
  const [uncontrolledOpen, setUncontrolledOpen] = useState(false);
  const open = controlledOpen ?? uncontrolledOpen;
  const setOpen = (next: boolean) => {
    setUncontrolledOpen(next);
    onOpenChange?.(next);
  };
  const [failure, setFailure] = useState<F | null>(null);
  const [isPending, startTransition] = useTransition();
  const withStepUp = useStepUp();
  return (
    <AlertDialog.Root open={open} onOpenChange={(next) => { setOpen(next); setFailure(null); }}>
      {trigger && <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger>}
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-black/50" />
        <AlertDialog.Content
          onCloseAutoFocus={(event) => {
            if (!returnFocusTo?.current) return;
            event.preventDefault();
            returnFocusTo.current.focus();
          }}
          className="fixed left-1/2 top-1/2 z-50 max-h-[90vh] w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-surface p-6 shadow-xl">
          <AlertDialog.Title className="text-lg font-semibold text-slate-900">{title}</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-slate-600">{description}</AlertDialog.Description>
          {failure && (
            <div role="alert" className="mt-3 space-y-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {renderFailure ? renderFailure(failure) : failure.error}
            </div>
          )}
          <div className="mt-6 flex justify-end gap-2">
            <AlertDialog.Cancel className={buttonClasses("secondary")}>Cancel</AlertDialog.Cancel>
            <button
              type="button"
              disabled={isPending}
              className={buttonClasses("danger")}
              onClick={() =>
                startTransition(async () => {
                  const result = await withStepUp(onConfirm);
                  if (result.ok) {
                    setOpen(false);
                    notifyDone(doneMessage, undo && { ...undo, run: () => withStepUp(undo.run) });
                    onDone?.();
                  } else {
                    setFailure(result);
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
