"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { signInAction } from "./actions";

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, isPending] = useActionState(signInAction, null);
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  // React resets a form after its action; the email comes back as its default value, the password does not.
  const typedEmail = state && !state.ok && "email" in state ? state.email : undefined;
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state && !state.ok && !fieldErrors && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.error}
        </p>
      )}
      <TextField label="Email" name="email" type="email" autoComplete="username" required autoFocus defaultValue={typedEmail} errors={fieldErrors?.email} />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required errors={fieldErrors?.password} />
      <Button type="submit" className="w-full" disabled={isPending}>
        {isPending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
