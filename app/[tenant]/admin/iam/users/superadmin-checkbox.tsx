"use client";

import { useFormContext } from "react-hook-form";
import { CheckboxField } from "@/components/ui/checkbox-field";

/** The "Superadmin" checkbox of the invite and create forms (their `superAdmin` field); shown to superadmins only. */
export function SuperAdminCheckbox() {
  const { register } = useFormContext<{ superAdmin: boolean }>();
  return <CheckboxField label="Superadmin" hint="Manages the IAM of every tenant. Only superadmins can grant this." {...register("superAdmin")} />;
}

/** "Require two-factor authentication before access" of the invite forms (their `requireMfa` field). */
export function RequireMfaCheckbox() {
  const { register } = useFormContext<{ requireMfa: boolean }>();
  return (
    <CheckboxField
      label="Require two-factor authentication before access"
      hint="The invitee sets up an authenticator app or a passkey before the access is granted; until then the invitation stays pending."
      {...register("requireMfa")}
    />
  );
}
