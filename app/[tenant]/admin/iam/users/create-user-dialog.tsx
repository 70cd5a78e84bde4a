"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { UserRoundPlus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Form, FormField } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import { useActionSubmit } from "@/components/use-action-submit";
import { createUserSchema } from "@/lib/iam/users/account-schemas";
import type { CreatedUser } from "@/lib/iam/users/create-user";
import { AccessFields, emptyAccess } from "./access-fields";
import { ChoicesStatus } from "./choices-status";
import { CreatedUserResult } from "./created-user-result";
import { createUserAction } from "./invite-actions";
import { SignInMethodField } from "./sign-in-method-field";
import { SuperAdminCheckbox } from "./superadmin-checkbox";
import { useInviteChoices } from "./use-invite-choices";

interface CreateUserDialogProps {
  tenant: string;
  canInviteIntoGroups: boolean;
  isTenantWide: boolean;
  isSuperAdmin: boolean;
  /** The identity provider's name when SSO is configured ("Continue with …"), else null: no "SSO only" then. */
  ssoName: string | null;
}

type CreateUserForm = z.input<typeof createUserSchema>;

/**
 * "Create user" beside Invite (docs/rules.md § Accounts 9): an account with access at once, no invitation. The
 * pickers are the Invite dialog's, read when it opens; the server checks everything again.
 */
export function CreateUserDialog({ tenant, canInviteIntoGroups, isTenantWide, isSuperAdmin, ssoName }: CreateUserDialogProps) {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<CreatedUser | null>(null);
  const router = useRouter();
  // Read ahead when the button is pointed at or focused, so the pickers are usually there when the dialog opens.
  const { state: choicesState, choices, load: loadChoices, prefetch: prefetchChoices, retry: retryChoices } = useInviteChoices(tenant, {
    canInviteIntoGroups,
    isTenantWide,
  });
  const defaultValues: CreateUserForm = {
    email: "",
    firstName: "",
    lastName: "",
    access: emptyAccess(canInviteIntoGroups ? "GROUP" : "ROLE"),
    superAdmin: false,
    signIn: ssoName ? "SSO" : "ONE_TIME_PASSWORD",
  };
  const form = useForm<CreateUserForm, unknown, z.output<typeof createUserSchema>>({ resolver: zodResolver(createUserSchema), defaultValues });

  const { submit, formError, clearFormError } = useActionSubmit(form, (input) => createUserAction(tenant, input), (data) => {
    setCreated(data);
    router.refresh();
  });

  const startOver = () => {
    form.reset(defaultValues);
    setCreated(null);
    clearFormError();
  };

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (next) loadChoices();
    // Closing forgets the one-time password for good; a half-filled form is kept in case it was closed by mistake.
    if (!next && created) startOver();
  };

  return (
    <Dialog
      title="Create user"
      description="An account with access right away, without an invitation."
      open={open}
      onOpenChange={onOpenChange}
      trigger={
        <Button variant="secondary" onPointerEnter={prefetchChoices} onFocus={prefetchChoices}>
          <UserRoundPlus aria-hidden className="size-4" />
          Create user
        </Button>
      }
    >
      {created ? (
        <CreatedUserResult tenant={tenant} created={created} ssoName={ssoName} onCreateAnother={startOver} onDone={() => onOpenChange(false)} />
      ) : !choices ? (
        <ChoicesStatus state={choicesState} onCancel={() => onOpenChange(false)} onRetry={retryChoices} />
      ) : (
        <Form {...form}>
          <form onSubmit={(event) => (form.formState.isSubmitting ? event.preventDefault() : submit(event))} className="space-y-4" noValidate>
            <FormError message={formError} />
            <FormField
              control={form.control}
              name="email"
              render={({ field }) => <TextField label="Email" type="email" autoComplete="off" autoFocus maxLength={254} {...field} />}
            />
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField
                control={form.control}
                name="firstName"
                render={({ field }) => <TextField label="First name" autoComplete="off" maxLength={100} {...field} />}
              />
              <FormField
                control={form.control}
                name="lastName"
                render={({ field }) => <TextField label="Last name" autoComplete="off" maxLength={100} {...field} />}
              />
            </div>
            <AccessFields {...choices} />
            {isSuperAdmin && <SuperAdminCheckbox />}
            <SignInMethodField ssoName={ssoName} />
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => onOpenChange(false)}>
                Cancel
              </Button>
              <Button type="submit" aria-disabled={form.formState.isSubmitting}>
                {form.formState.isSubmitting ? "Creating…" : "Create user"}
              </Button>
            </div>
          </form>
        </Form>
      )}
    </Dialog>
  );
}
