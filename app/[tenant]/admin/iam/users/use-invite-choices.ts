"use client";

import { useCallback, useRef, useState } from "react";
import type { InviteChoices } from "@/lib/iam/invitations/invite-choices";
import type { AccessChoices } from "./access-fields";
import { inviteChoicesAction } from "./invite-actions";

export type InviteChoicesState = { status: "loading" } | { status: "ready"; choices: InviteChoices } | { status: "failed"; error: string };

const OFFLINE = "The groups and roles you can grant could not be loaded. Check your connection and try again.";

/**
 * The Invite and Create user dialogs' pickers, read from the server on demand rather than with every Users page. `load`
 * refreshes them (a group created meanwhile shows up) and keeps the last good answer on screen while it runs; only one
 * read at a time. `prefetch` reads ahead (the button pointed at or focused) unless they are there; `choices` are the
 * pickers with the actor's rights, once read.
 */
export function useInviteChoices(tenant: string, rights: Pick<AccessChoices, "canInviteIntoGroups" | "isTenantWide">) {
  const [state, setState] = useState<InviteChoicesState>({ status: "loading" });
  const reading = useRef(false);
  const load = useCallback(() => {
    if (reading.current) return;
    reading.current = true;
    const keepOrFail = (error: string) => (previous: InviteChoicesState) => (previous.status === "ready" ? previous : { status: "failed" as const, error });
    inviteChoicesAction(tenant)
      .then((result) => setState(result.ok ? { status: "ready", choices: result.data } : keepOrFail(result.error)))
      .catch(() => setState(keepOrFail(OFFLINE)))
      .finally(() => {
        reading.current = false;
      });
  }, [tenant]);
  const retry = useCallback(() => {
    setState({ status: "loading" });
    load();
  }, [load]);
  const prefetch = () => state.status !== "ready" && load();
  const choices: AccessChoices | null = state.status === "ready" ? { ...state.choices, ...rights } : null;
  return { state, choices, load, prefetch, retry };
}
