"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/result";
import { requestRenewalAction } from "./actions";

/** The one answer, whatever happened to the request: it must not tell whether the invitation or its inviter exist. */
export const RENEWAL_REQUESTED = "If this invitation can be renewed, whoever sent it has been told.";

/** "Ask for a new link" on an expired invitation's page; the token is the credential, nobody needs to sign in. */
export function RenewalRequestForm({ token }: { token: string }) {
  const [result, ask, isPending] = useActionState<ActionResult | null>(() => requestRenewalAction(token), null);
  if (result) {
    return (
      <p role="status" className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800">
        {RENEWAL_REQUESTED}
      </p>
    );
  }
  return (
    <form action={ask}>
      <Button type="submit" variant="secondary" disabled={isPending}>
        {isPending ? "Asking…" : "Ask for a new link"}
      </Button>
    </form>
  );
}
