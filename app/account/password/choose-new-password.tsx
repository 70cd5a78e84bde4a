"use client";

import { useRouter } from "next/navigation";
import { ChangePasswordForm } from "../change-password-form";

/** The change-password form, then on to the console. */
export function ChooseNewPassword({ email }: { email: string }) {
  const router = useRouter();
  return <ChangePasswordForm email={email} submitLabel="Save and continue" onChanged={() => router.replace("/")} />;
}
