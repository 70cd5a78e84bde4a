"use client";

import { useEffect, useState } from "react";
import type { MemberCandidates } from "@/lib/iam/groups/group-reads";
import { searchMemberCandidatesAction } from "../actions";

const SEARCH_DELAY_MS = 250;

export type MemberSearch =
  | { status: "idle" | "searching"; query: string; candidates: MemberCandidates }
  | { status: "failed"; query: string; candidates: MemberCandidates; error: string };

/**
 * The "Add member" picker's list: the first users by email until the admin types, then the server's matches for what
 * they typed (debounced; only the answer for the current text counts, so a slow early answer never overwrites a
 * later one).
 */
export function useMemberSearch(tenant: string, groupId: string, initial: MemberCandidates, query: string): MemberSearch {
  const [answer, setAnswer] = useState<{ query: string; result: MemberCandidates | { error: string } }>({ query: "", result: initial });
  const trimmed = query.trim();
  useEffect(() => {
    if (!trimmed) return;
    let isCurrent = true;
    const timer = setTimeout(() => {
      searchMemberCandidatesAction(tenant, groupId, { q: trimmed })
        .then((result) => isCurrent && setAnswer({ query: trimmed, result: result.ok ? result.data : { error: result.error } }))
        .catch(() => isCurrent && setAnswer({ query: trimmed, result: { error: "The search failed. Check your connection and try again." } }));
    }, SEARCH_DELAY_MS);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [tenant, groupId, trimmed]);

  if (!trimmed) return { status: "idle", query: "", candidates: initial };
  if (answer.query !== trimmed) return { status: "searching", query: trimmed, candidates: "error" in answer.result ? initial : answer.result };
  if ("error" in answer.result) return { status: "failed", query: trimmed, candidates: { users: [], hasMore: false }, error: answer.result.error };
  return { status: "idle", query: trimmed, candidates: answer.result };
}
