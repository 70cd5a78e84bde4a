"use client";

import * as AlertDialog from "@radix-ui/react-alert-dialog";
import { useState, useTransition } from "react";
import { buttonClasses } from "@/components/ui/button";
import type { RoleUsage } from "@/lib/iam/roles";
import { deleteRoleAction } from "../actions";
import { RoleUsageList } from "./role-usage-list";

/**
 * Like components/ui/confirm-dialog, plus the list of places a refused delete found the role in use
 * (ConfirmDialog shows only a message).
 */
export function DeleteRoleButton({ tenant, role }: { tenant: string; role: { id: string; name: string } }) {
  const [open, setOpen] = useState(false);
  const [refusal, setRefusal] = useState<{ error: string; usage?: RoleUsage } | null>(null);
  const [isPending, startTransition] = useTransition();
  return (
    <AlertDialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setRefusal(null);
      }}
    >
      <AlertDialog.Trigger className={buttonClasses("danger")}>Delete role</AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <AlertDialog.Content className="fixed left-1/2 top-1/2 z-50 max-h-[90vh] w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-xl">
          <AlertDialog.Title className="text-lg font-semibold text-slate-900">Delete role {role.name}?</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-slate-600">
            The role is removed for good. A role that is still bound or offered by an open invitation can&apos;t be deleted.
          </AlertDialog.Description>
          {refusal && (
            <div role="alert" className="mt-3 space-y-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              <p>{refusal.usage ? `${role.name} is still in use, so it can't be deleted. Remove it from:` : refusal.error}</p>
              {refusal.usage && <RoleUsageList usage={refusal.usage} />}
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
                  // On success the action redirects to the list; only a refusal comes back.
                  const refused = await deleteRoleAction(tenant, role.id);
                  setRefusal({ error: refused.error, usage: refused.usage });
                })
              }
            >
              {isPending ? "Deleting…" : "Delete"}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
