"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { UserPlus } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyFieldErrors } from "@/components/form-errors";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-error";
import { SelectField } from "@/components/ui/select-field";
import { groupMemberSchema } from "@/lib/iam/schemas/groups";
import { addGroupMemberAction } from "../actions";

const addMemberSchema = groupMemberSchema.pick({ userId: true });

interface AddMemberDialogProps {
  tenant: string;
  groupId: string;
  /** Users of the tenant who are not in the group yet. */
  users: { id: string; label: string }[];
  hasMoreUsers: boolean;
}

export function AddMemberDialog({ tenant, groupId, users, hasMoreUsers }: AddMemberDialogProps) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog
      title="Add member"
      description="Members get every role bound to this group."
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button variant="secondary">
          <UserPlus aria-hidden className="size-4" />
          Add member
        </Button>
      }
    >
      {users.length === 0 ? (
        <p className="text-sm text-slate-600">Everyone with access to this tenant is already in this group.</p>
      ) : (
        <AddMemberForm tenant={tenant} groupId={groupId} users={users} hasMoreUsers={hasMoreUsers} onAdded={() => setOpen(false)} />
      )}
    </Dialog>
  );
}

function AddMemberForm({ tenant, groupId, users, hasMoreUsers, onAdded }: AddMemberDialogProps & { onAdded: () => void }) {
  const form = useForm({ resolver: zodResolver(addMemberSchema), defaultValues: { userId: "" } });
  const [formError, setFormError] = useState<string | null>(null);
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    const result = await addGroupMemberAction(tenant, groupId, values);
    if (result.ok) return onAdded();
    applyFieldErrors(form, result);
    if (!result.fieldErrors?.userId) setFormError(result.error);
  });
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <FormError message={formError} />
      <SelectField
        label="User"
        placeholder="Choose a user"
        options={users.map((user) => ({ value: user.id, label: user.label }))}
        autoFocus
        {...form.register("userId")}
        errors={errors.userId?.message ? [errors.userId.message] : undefined}
      />
      {hasMoreUsers && (
        <p className="text-xs text-slate-600">Showing the first {users.length} users by email. Type while the list has focus to jump to a name.</p>
      )}
      <div className="flex justify-end">
        <Button type="submit" disabled={isSubmitting}>
          Add
        </Button>
      </div>
    </form>
  );
}
