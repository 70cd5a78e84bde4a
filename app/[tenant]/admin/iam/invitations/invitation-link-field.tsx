"use client";

import { Check, Copy } from "lucide-react";
import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * The invitation link, read-only, with "Copy link"; the result is announced, and on failure the link is selected
 * for copying by hand. `forEmail` names the invitee in the accessible names where several links share a view.
 */
export function InvitationLinkField({ link, forEmail, label = "Invitation link" }: { link: string; forEmail?: string; label?: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copyState, setCopyState] = useState<"idle" | "copied" | "failed">("idle");

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopyState("copied");
    } catch {
      input.current?.select();
      setCopyState("failed");
    }
  }

  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
        {forEmail && <span className="sr-only"> for {forEmail}</span>}
      </label>
      <div className="flex gap-2">
        <input
          ref={input}
          id={id}
          type="text"
          readOnly
          value={link}
          onFocus={(event) => event.currentTarget.select()}
          className="block w-full min-w-0 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs text-slate-800"
        />
        <Button variant="secondary" onClick={copy} className="shrink-0">
          {copyState === "copied" ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />}
          Copy link
          {forEmail && <span className="sr-only"> for {forEmail}</span>}
        </Button>
      </div>
      <p role="status" className="min-h-5 text-sm text-slate-600">
        {copyState === "copied" && "Copied"}
        {copyState === "failed" && "Couldn't copy automatically: the link is selected, press Ctrl+C (⌘C on a Mac)."}
      </p>
    </div>
  );
}
