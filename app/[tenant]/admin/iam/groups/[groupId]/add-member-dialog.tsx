"use client";

import { useStepUp } from "@/components/mfa/step-up-provider";

import { zodResolver } from "@hookform/resolvers/zod";
import { UserPlus } from "lucide-react";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { applyFieldErrors } from "@/components/form-errors";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Form, FormField } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
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
  const [query, setQuery] = useState("");
  const search = useMemberSearch(tenant, groupId, { users, hasMore: hasMoreUsers }, query);
  const listed = search.candidates.users;
  const { isSubmitting } = form.formState;
  // A choice that a new search no longer lists is dropped: "Add" must add the user the select shows, or no one.
  useEffect(() => {
    const chosen = form.getValues("userId");
    if (chosen && !listed.some((user) => user.id === chosen)) form.setValue("userId", "");
  }, [form, listed]);
  const withStepUp = useStepUp();
  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    const result = await withStepUp(() => addGroupMemberAction(tenant, groupId, values));
    if (result.ok) return onAdded();
    applyFieldErrors(form, result);
    if (!result.fieldErrors?.userId) setFormError(result.error);
  });
  return (
    <Form {...form}>
      <form onSubmit={submit} noValidate className="space-y-4">
        <FormError message={formError} />
        <TextField
          label="Find a user"
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          // Enter in the search box searches; it must not submit the form with whatever the select holds.
          onKeyDown={(event) => event.key === "Enter" && event.preventDefault()}
          maxLength={MEMBER_SEARCH_MAX}
          placeholder="Email or name"
          autoComplete="off"
          autoFocus
        />
        <FormField
          control={form.control}
          name="userId"
          render={({ field }) => (
            <SelectField
              label="User"
              placeholder={listed.length ? "Choose a user" : "No users to choose"}
              options={listed.map((user) => ({ value: user.id, label: user.label }))}
              {...field}
            />
          )}
        />
        <p role="status" className="text-xs text-slate-600">
          {searchStatus(search, listed.length)}
        </p>
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
  if (count === 0) return `No user outside this group matches “${search.query}”.`;
  return more ? `Showing the first ${count} matches; type more to narrow them down.` : `${plural(count, "user matches", "users match")}.`;
}
