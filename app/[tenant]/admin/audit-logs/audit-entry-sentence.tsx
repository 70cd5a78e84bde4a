import Link from "next/link";
import type { AuditSentence } from "@/lib/iam/audit/describe-audit-entry";
import { auditLinkHref } from "./audit-link-href";

/** An audit entry in words; the parts that name a resource still there lead to its page. */
export function AuditEntrySentence({ tenant, sentence }: { tenant: string; sentence: AuditSentence }) {
  return (
    <p className="text-slate-900">
      {sentence.map((part, index) =>
        part.link ? (
          // Fifty entries a page, most linking twice: prefetching every one would fetch a hundred pages nobody opens.
          <Link key={index} href={auditLinkHref(tenant, part.link)} prefetch={false} className="row-link font-medium">
            {part.text}
          </Link>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </p>
  );
}
