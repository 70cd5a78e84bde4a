"use client";

import { Pencil, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { notifyDone } from "@/components/notify";
import { Dialog } from "@/components/ui/dialog";
import { plural } from "@/lib/format";
import { deleteGroupAction, updateGroupAction } from "../actions";
import { GroupForm } from "../group-form";

interface GroupActionsProps {
  tenant: string;
  group: { id: string; name: string; description: string; memberCount: number; bindingCount: number };
  canUpdate: boolean;
  canDelete: boolean;
}

export function GroupActions({ tenant, group, canUpdate, canDelete }: GroupActionsProps) {
  const [isEditing, setIsEditing] = useState(false);
  const router = useRouter();
  if (!canUpdate && !canDelete) return null;
  return (
    <div className="flex gap-2">
      {canUpdate && (
        <Dialog
          title="Edit group"
          open={isEditing}
          onOpenChange={setIsEditing}
          trigger={
            <Button variant="secondary">
              <Pencil aria-hidden className="size-4" />
              Edit group
            </Button>
          }
        >
          <GroupForm
            submitLabel="Save"
            defaultValues={{ name: group.name, description: group.description }}
            save={(values) => updateGroupAction(tenant, group.id, values)}
            onSaved={() => {
              setIsEditing(false);
              notifyDone("Group saved.");
            }}
          />
        </Dialog>
      )}
      {canDelete && (
        <ConfirmDialog
          trigger={
            <Button variant="danger">
              <Trash2 aria-hidden className="size-4" />
              Delete group
            </Button>
          }
          title={`Delete ${group.name}?`}
          description={deleteConsequences(group.memberCount, group.bindingCount)}
          confirmLabel="Delete group"
          onConfirm={() => deleteGroupAction(tenant, group.id)}
          doneMessage={`Group ${group.name} was deleted.`}
          onDone={() => router.replace(`/${tenant}/admin/iam/groups`)}
        />
      )}
    </div>
  );
}

function deleteConsequences(members: number, bindings: number): string {
  return `This also removes its ${plural(members, "membership")} and ${plural(bindings, "role binding")}: members lose the roles they had through this group. This can't be undone.`;
}
