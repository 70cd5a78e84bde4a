"use client";

import { useStepUp } from "@/components/mfa/step-up-provider";

import { zodResolver } from "@hookform/resolvers/zod";
import { UserPlus } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyFieldErrors } from "@/components/form-errors";
import { notifyDone } from "@/components/notify";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Form, FormField } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import { ComboboxField } from "@/components/ui/combobox-field";
import { plural } from "@/lib/format";
import { groupMemberSchema, MEMBER_SEARCH_MAX } from "@/lib/iam/groups/group-schemas";
import { addGroupMemberAction } from "../actions";
import { useMemberSearch, type MemberSearch } from "./use-member-search";

const addMemberSchema = groupMemberSchema.pick({ userId: true });

interface AddMemberDialogProps {
  tenant: string;
  groupId: string;
  /** The first users of the tenant (by email) who are not in the group yet; the dialog searches for the others. */
  users: { id: string; label: string }[];
  hasMoreUsers: boolean;
}

export function AddMemberDialog({ tenant, groupId, groupName, users, hasMoreUsers }: AddMemberDialogProps & { groupName: string }) {
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
        <AddMemberForm tenant={tenant} groupId={groupId} users={users} hasMoreUsers={hasMoreUsers} onAdded={(label) => {
            setOpen(false);
            notifyDone(`${label} was added to ${groupName}.`);
          }} />
      )}
    </Dialog>
  );
}

function AddMemberForm({ tenant, groupId, users, hasMoreUsers, onAdded }: AddMemberDialogProps & { onAdded: (label: string) => void }) {
  const form = useForm({ resolver: zodResolver(addMemberSchema), defaultValues: { userId: "" } });
  const [formError, setFormError] = useState<string | null>(null);
  const [query, setQuery] = useState("");
  const search = useMemberSearch(tenant, groupId, { users, hasMore: hasMoreUsers }, query);
  const listed = search.candidates.users;
  const { isSubmitting } = form.formState;
  // The choice's label is kept: a later search may no longer list the chosen user, and the button must still name them.
  const [chosenLabel, setChosenLabel] = useState("");
  const withStepUp = useStepUp();
  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    const result = await withStepUp(() => addGroupMemberAction(tenant, groupId, values));
    if (result.ok) return onAdded(listed.find((user) => user.id === values.userId)?.label ?? "The user");
    applyFieldErrors(form, result);
    if (!result.fieldErrors?.userId) setFormError(result.error);
  });
  return (
    <Form {...form}>
      <form onSubmit={submit} noValidate className="space-y-4">
        <FormError message={formError} />
        <FormField
          control={form.control}
          name="userId"
          render={({ field }) => (
            <ComboboxField
              label="User"
              placeholder="Choose a user"
              searchLabel="Find a user by email or name"
              autoFocus
              value={field.value}
              onChange={(userId) => {
                field.onChange(userId);
                setChosenLabel(listed.find((user) => user.id === userId)?.label ?? "");
              }}
              onBlur={field.onBlur}
              selectedLabel={chosenLabel}
              options={listed.map((user) => ({ value: user.id, label: user.label }))}
              onSearch={(typed) => setQuery(typed.slice(0, MEMBER_SEARCH_MAX))}
              isSearching={search.status === "searching"}
              status={searchStatus(search, listed.length) || undefined}
              emptyText={search.status === "failed" ? search.error : search.query ? `No user outside this group matches “${search.query}”.` : "No users to choose."}
            />
          )}
        />
        <div className="flex justify-end">
          <Button type="submit" disabled={isSubmitting}>
            Add
          </Button>
        </div>
      </form>
    </Form>
  );
}

function searchStatus(search: MemberSearch, count: number): string {
  if (search.status === "searching") return "Searching…";
  if (search.status === "failed") return search.error;
  const more = search.candidates.hasMore;
  if (!search.query) return more ? `Showing the first ${count} users by email. Search to find anyone else.` : "";
  if (count === 0) return "";
  return more ? `Showing the first ${count} matches; type more to narrow them down.` : `${plural(count, "user matches", "users match")}.`;
}
