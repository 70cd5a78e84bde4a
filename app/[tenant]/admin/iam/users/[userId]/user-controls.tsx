"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormError } from "@/components/ui/form-error";
import { SelectField } from "@/components/ui/select-field";
import type { ActionResult } from "@/lib/actions/result";
import { removeFromGroupAction, removeFromTenantAction, removeUserBindingAction, setDisabledAction, setSuperAdminAction } from "./actions";

interface UserAccountControlsProps {
  tenant: string;
  userId: string;
  email: string;
  isDisabled: boolean;
  isSuperAdmin: boolean;
  canDisable: boolean;
  canRemove: boolean;
  canManageSuperAdmin: boolean;
}

export function UserAccountControls(props: UserAccountControlsProps) {
  const { tenant, userId, email, isDisabled, isSuperAdmin } = props;
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const run = (action: () => Promise<ActionResult<unknown>>) =>
    startTransition(async () => {
      const result = await action();
      setError(result.ok ? null : result.error);
    });

  return (
    <section aria-label="Account" className="space-y-3">
      <FormError message={error} />
      <div className="flex flex-wrap gap-2">
        {props.canDisable &&
          (isDisabled ? (
            <Button variant="secondary" disabled={isPending} onClick={() => run(() => setDisabledAction(tenant, userId, false))}>
              Enable user
            </Button>
          ) : (
            <ConfirmDialog
              trigger={<Button variant="secondary">Disable user</Button>}
              title={`Disable ${email}?`}
              description="They are signed out at their next request and cannot sign in until enabled again. Nothing else changes."
              confirmLabel="Disable"
              onConfirm={() => setDisabledAction(tenant, userId, true)}
            />
          ))}
        {props.canManageSuperAdmin && (
          <ConfirmDialog
            trigger={<Button variant="secondary">{isSuperAdmin ? "Remove superadmin" : "Make superadmin"}</Button>}
            title={isSuperAdmin ? `Remove superadmin from ${email}?` : `Make ${email} a superadmin?`}
            description={
              isSuperAdmin
                ? "They keep their roles in each tenant but lose access to everything else."
                : "A superadmin can do everything in every tenant, including managing other superadmins."
            }
            confirmLabel={isSuperAdmin ? "Remove superadmin" : "Make superadmin"}
            onConfirm={() => setSuperAdminAction(tenant, userId, !isSuperAdmin)}
          />
        )}
        {props.canRemove && (
          <ConfirmDialog
            trigger={<Button variant="danger">Remove from tenant</Button>}
            title={`Remove ${email} from this tenant?`}
            description="Their group memberships and role bindings in this tenant are deleted. The account itself and its access to other tenants stay."
            confirmLabel="Remove"
            onConfirm={() => removeFromTenantAction(tenant, userId)}
            onDone={() => router.push(`/${tenant}/admin/iam/users`)}
          />
        )}
      </div>
    </section>
  );
}

export function AddToGroupForm({ groups, onAdd }: { groups: { id: string; name: string }[]; onAdd: (input: unknown) => Promise<ActionResult<unknown>> }) {
  const [groupId, setGroupId] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  if (groups.length === 0) return <p className="text-sm text-slate-600">There are no other groups to add this user to.</p>;
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const result = await onAdd({ groupId });
          setError(result.ok ? null : result.error);
          if (result.ok) setGroupId("");
        });
      }}
    >
      <SelectField
        id="add-to-group"
        label="Group"
        value={groupId}
        onChange={(event) => setGroupId(event.target.value)}
        placeholder="Choose a group"
        options={groups.map((group) => ({ value: group.id, label: group.name }))}
      />
      <Button type="submit" variant="secondary" disabled={isPending || !groupId}>
        Add to group
      </Button>
      <div className="basis-full">
        <FormError message={error} />
      </div>
    </form>
  );
}

export function RemoveMembershipButton({ tenant, userId, groupId, groupName }: { tenant: string; userId: string; groupId: string; groupName: string }) {
  return (
    <ConfirmDialog
      trigger={<Button variant="ghost">Remove<span className="sr-only"> from {groupName}</span></Button>}
      title={`Remove from ${groupName}?`}
      description="The user loses the roles this group grants, unless they hold them another way."
      confirmLabel="Remove"
      onConfirm={() => removeFromGroupAction(tenant, userId, groupId)}
    />
  );
}

export function RemoveBindingButton({ tenant, userId, bindingId, label }: { tenant: string; userId: string; bindingId: string; label: string }) {
  return (
    <ConfirmDialog
      trigger={<Button variant="ghost">Remove<span className="sr-only"> {label}</span></Button>}
      title={`Remove ${label}?`}
      description="The user loses this role here, unless a group still grants it."
      confirmLabel="Remove"
      onConfirm={() => removeUserBindingAction(tenant, userId, bindingId)}
    />
  );
}
