"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { acceptAsExistingUserAction, type AcceptFailure } from "./actions";
import { UnavailableMessage } from "./unavailable-invitation";

/** Signed in with the invited email: one button; success redirects to the tenant. */
export function AcceptExistingForm({ token }: { token: string }) {
  const [failure, accept, isPending] = useActionState<AcceptFailure | null>(() => acceptAsExistingUserAction(token), null);
  if (failure?.unavailable) return <UnavailableMessage reason={failure.unavailable} token={token} />;
  return (
    <form action={accept} className="space-y-4">
      <FormError message={failure?.error} />
      <Button type="submit" className="w-full" disabled={isPending}>
        Accept invitation
      </Button>
    </form>
  );
}
