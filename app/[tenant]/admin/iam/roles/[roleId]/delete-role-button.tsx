"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { deleteRoleAction } from "../actions";
import { RoleUsageList } from "./role-usage-list";

/** On success back to the list; a refusal lists the places the role is still used. */
export function DeleteRoleButton({ tenant, role }: { tenant: string; role: { id: string; name: string } }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger={<Button variant="danger">Delete role</Button>}
      title={`Delete role ${role.name}?`}
      description="The role is removed for good. A role that is still bound or offered by an open invitation can't be deleted."
      confirmLabel="Delete"
      onConfirm={() => deleteRoleAction(tenant, role.id)}
      doneMessage={`Role ${role.name} was deleted.`}
      onDone={() => router.replace(`/${tenant}/admin/iam/roles`)}
      renderFailure={(refusal) =>
        refusal.usage ? (
          <>
            <p>{`${role.name} is still in use, so it can't be deleted. Remove it from:`}</p>
            <RoleUsageList usage={refusal.usage} />
          </>
        ) : (
          refusal.error
        )
      }
    />
  );
}
