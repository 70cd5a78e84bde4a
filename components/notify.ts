"use client";

import { toast } from "sonner";
import type { ActionResult } from "@/lib/actions/result";

/**
 * The one confirmation every change gives (issue: "a toast after every change"): a polite status toast, announced by
 * screen readers through Sonner's live region. `undo` is offered only where reversing is safe and exact (re-adding a
 * removed group member or role binding); it runs the reverse action and reports its own outcome.
 */
export function notifyDone(message: string, undo?: { run: () => Promise<ActionResult<unknown>>; done: string; onDone?: () => void }) {
  toast.success(message, {
    action: undo && {
      label: "Undo",
      onClick: async () => {
        const result = await undo.run();
        if (result.ok) {
          toast.success(undo.done);
          undo.onDone?.();
        } else toast.error(result.error);
      },
    },
  });
}

/** A refusal that has no form to show it in (a row action, a menu item). */
export function notifyFailed(message: string) {
  toast.error(message);
}
