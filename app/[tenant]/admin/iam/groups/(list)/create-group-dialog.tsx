"use client";

import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { notifyDone } from "@/components/notify";
import { createGroupAction } from "../actions";
import { GroupForm } from "../group-form";

export function CreateGroupDialog({ tenant }: { tenant: string }) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  return (
    <Dialog
      title="Create group"
      description="Everyone in a group gets the roles bound to it."
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button>
          <Plus aria-hidden className="size-4" />
          Create group
        </Button>
      }
    >
      <GroupForm
        submitLabel="Create"
        save={(values) => createGroupAction(tenant, values)}
        onSaved={({ id }) => {
          setOpen(false);
          notifyDone("Group created. Add its members and roles here.");
          // The next steps are adding members and roles, which happen on the group's page.
          router.push(`/${tenant}/admin/iam/groups/${id}`);
        }}
      />
    </Dialog>
  );
}
