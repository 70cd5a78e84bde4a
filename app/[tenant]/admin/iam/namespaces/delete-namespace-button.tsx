"use client";

import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { deleteNamespaceAction } from "./actions";

export function DeleteNamespaceButton({ tenant, name }: { tenant: string; name: string }) {
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" aria-label={`Delete namespace ${name}`}>
          Delete
        </Button>
      }
      title={`Delete namespace ${name}?`}
      description="It disappears from the namespace pickers. Namespaces still used by bindings or open invitations can't be deleted; namespaces below it stay."
      confirmLabel="Delete"
      onConfirm={() => deleteNamespaceAction(tenant, name)}
      doneMessage={`Namespace ${name} was deleted.`}
    />
  );
}
