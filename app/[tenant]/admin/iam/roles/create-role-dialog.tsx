"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { PermissionSet } from "@/lib/iam/authz/permissions";
import { RoleForm } from "./role-form";

export function CreateRoleDialog({ tenant, grantable, isSuperAdmin }: { tenant: string; grantable: PermissionSet; isSuperAdmin: boolean }) {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  return (
    <div className="flex flex-wrap items-center justify-end gap-3">
      {created && (
        <p role="status" className="text-sm text-emerald-800">
          Role {created} created.
        </p>
      )}
      <Dialog
        title="Create role"
        description="A custom role bundles permissions; bind it to users or groups, tenant-wide or on namespaces."
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (next) setCreated(null);
        }}
        trigger={<Button>Create role</Button>}
        wide
      >
        <RoleForm
          tenant={tenant}
          grantable={grantable}
          isSuperAdmin={isSuperAdmin}
          onCreated={(role) => {
            setCreated(role.name);
            setOpen(false);
          }}
        />
      </Dialog>
    </div>
  );
}
