"use client";

import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { GroupBindingRow } from "@/lib/iam/groups/group-reads";
import { addGroupMemberAction, removeGroupBindingAction, removeGroupMemberAction } from "../actions";

interface RemoveMemberButtonProps {
  tenant: string;
  groupId: string;
  groupName: string;
  member: { id: string; email: string };
}

export function RemoveMemberButton({ tenant, groupId, groupName, member }: RemoveMemberButtonProps) {
  return (
    <ConfirmDialog
      trigger={<RemoveButton what={member.email} />}
      title={`Remove ${member.email} from ${groupName}?`}
      description="They lose the roles they had through this group, unless they hold them some other way."
      confirmLabel="Remove"
      onConfirm={() => removeGroupMemberAction(tenant, groupId, member.id)}
      doneMessage={`${member.email} was removed from ${groupName}.`}
      undo={{ run: () => addGroupMemberAction(tenant, groupId, { userId: member.id }), done: `${member.email} is back in ${groupName}.` }}
    />
  );
}

export function RemoveBindingButton({ tenant, groupName, binding }: { tenant: string; groupName: string; binding: GroupBindingRow }) {
  const where = binding.namespace ? `on ${binding.namespace}` : "tenant-wide";
  return (
    <ConfirmDialog
      trigger={<RemoveButton what={`${binding.role} ${where}`} />}
      title={`Remove ${binding.role} ${where}?`}
      description={`Members of ${groupName} lose it, unless they hold it some other way.`}
      confirmLabel="Remove"
      onConfirm={() => removeGroupBindingAction(tenant, binding.id)}
      doneMessage={`${binding.role} ${where} was removed from ${groupName}.`}
    />
  );
}

/** "Remove" on screen; the row it acts on is part of its accessible name, so a list of them stays tellable apart. */
function RemoveButton({ what, ...props }: { what: string } & React.ComponentProps<typeof Button>) {
  return (
    <Button variant="secondary" className="py-1" {...props}>
      Remove<span className="sr-only"> {what}</span>
    </Button>
  );
}
