"use client";

import { Check, Copy } from "lucide-react";
import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

interface CopyFieldProps {
  /** What is shown once and copied: a link, a one-time password. */
  value: string;
  label: string;
  /** The button's text, e.g. "Copy link". */
  copyLabel: string;
  /** Names the person in the accessible names where several fields share a view. */
  forEmail?: string;
}

/**
 * A secret or link shown once, read-only, with a copy button; the result is announced, and on failure the text is
 * selected for copying by hand.
 */
export function CopyField({ value, label, copyLabel, forEmail }: CopyFieldProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copyState, setCopyState] = useState<"idle" | "copied" | "failed">("idle");

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
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
          value={value}
          spellCheck={false}
          autoComplete="off"
          onFocus={(event) => event.currentTarget.select()}
          className="block w-full min-w-0 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs text-slate-800"
        />
        <Button variant="secondary" onClick={copy} className="shrink-0">
          {copyState === "copied" ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />}
          {copyLabel}
          {forEmail && <span className="sr-only"> for {forEmail}</span>}
        </Button>
      </div>
      <p role="status" className="min-h-5 text-sm text-slate-600">
        {copyState === "copied" && "Copied"}
        {copyState === "failed" && "Couldn't copy automatically: the text is selected, press Ctrl+C (⌘C on a Mac)."}
      </p>
    </div>
  );
}
