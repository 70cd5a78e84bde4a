import type { AuditLink } from "@/lib/iam/audit/describe-audit-entry";
import { listHref } from "@/lib/pagination/search-params";

/** The page a part of an audit sentence leads to (lib/iam/audit/describe-audit-entry.ts names it, the URL is the app's). */
export function auditLinkHref(tenant: string, link: AuditLink): string {
  const iam = `/${tenant}/admin/iam`;
  switch (link.kind) {
    case "user":
      return `${iam}/users/${link.id}`;
    case "group":
      return `${iam}/groups/${link.id}`;
    case "role":
      return `${iam}/roles/${link.id}`;
    case "invitations":
      return listHref(`${iam}/invitations`, { q: link.email });
    case "namespace":
      // The tab lists every namespace on one page; there is no page of one.
      return `${iam}/namespaces`;
    case "security":
      return `${iam}/security`;
  }
}
