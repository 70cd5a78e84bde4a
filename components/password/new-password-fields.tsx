"use client";

import { useId } from "react";
import { useWatch, type Control, type FieldValues, type Path } from "react-hook-form";
import { checklistItems, PasswordChecklist } from "@/components/password/password-checklist";
import { useIsCommonPassword } from "@/components/password/use-common-password-check";
import { FormField } from "@/components/ui/form";
import { TextField } from "@/components/ui/text-field";
import { PASSWORD_MAX_LENGTH } from "@/lib/iam/passwords/password-policy";

/** What every form that sets a password has: `password` and `confirmPassword` (account-schemas.ts). */
type WithNewPassword = FieldValues & { password: string; confirmPassword: string };

interface NewPasswordFieldsProps<T extends WithNewPassword> {
  control: Control<T>;
  /** The account's email: the policy refuses a password that contains it. */
  email: string;
  /** Asks the server whether a password is a common one (the list is server-only). */
  checkCommon: (password: string) => Promise<boolean>;
  label?: string;
  confirmLabel?: string;
  autoFocus?: boolean;
}

/**
 * A new password with the policy's live checklist, then its confirmation: the accept page, the account page, the
 * forced change and the reset page all set a password the same way.
 */
export function NewPasswordFields<T extends WithNewPassword>({ control, email, checkCommon, label = "New password", confirmLabel = "Confirm new password", autoFocus }: NewPasswordFieldsProps<T>) {
  const checklistId = useId();
  const password = (useWatch({ control, name: "password" as Path<T> }) as string | undefined) ?? "";
  const isCommon = useIsCommonPassword(password, checkCommon);
  return (
    <>
      <FormField
        control={control}
        name={"password" as Path<T>}
        render={({ field }) => (
          <TextField
            label={label}
            type="password"
            autoComplete="new-password"
            autoFocus={autoFocus}
            maxLength={PASSWORD_MAX_LENGTH}
            aria-describedby={`${checklistId}-intro ${checklistId}`}
            {...field}
          />
        )}
      />
      <PasswordChecklist id={checklistId} items={checklistItems(password, email, isCommon)} />
      <FormField
        control={control}
        name={"confirmPassword" as Path<T>}
        render={({ field }) => <TextField label={confirmLabel} type="password" autoComplete="new-password" maxLength={PASSWORD_MAX_LENGTH} {...field} />}
      />
    </>
  );
}
