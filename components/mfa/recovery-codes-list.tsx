"use client";

import { Download } from "lucide-react";
import { CopyField } from "@/components/ui/copy-field";
import { buttonClasses } from "@/components/ui/button";

/** Recovery codes, shown once: as a list to write down, copyable at once, and as a text file to download. */
export function RecoveryCodesList({ codes }: { codes: string[] }) {
  const text = `IAM Console recovery codes\nEach code works once.\n\n${codes.join("\n")}\n`;
  return (
    <div className="space-y-3">
      <ol aria-label="Recovery codes" className="grid grid-cols-1 gap-1 rounded-md bg-slate-50 p-3 font-mono text-sm text-slate-900 sm:grid-cols-2">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <CopyField value={codes.join(" ")} label="All codes, for your password manager" copyLabel="Copy codes" />
      <a href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`} download="iam-console-recovery-codes.txt" className={buttonClasses("secondary")}>
        <Download aria-hidden className="size-4" />
        Download as a file
      </a>
    </div>
  );
}
