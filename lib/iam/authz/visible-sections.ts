import { canSomewhere, type Principal } from "@/lib/iam/authz/engine";

/** What the navigation offers: a section appears only when the user could open it. */
export function visibleSections(principal: Principal, tenant: string) {
  const reads = (permission: Parameters<typeof canSomewhere>[1]) => canSomewhere(principal, permission, "READ", tenant);
  const identity = {
    users: reads("USER"),
    invitations: reads("INVITATION"),
    groups: reads("GROUP"),
    roles: reads("ROLE"),
  };
  const iam = Object.values(identity).some(Boolean);
  // NAMESPACE:READ is also a workload permission (Viewers hold it), so on its own it does not open the IAM area.
  // The overview counts what the identity tabs list, so whoever sees one of them sees it.
  const iamTabs = { overview: iam, ...identity, namespaces: iam && reads("NAMESPACE"), security: iam && reads("SETTING") };
  return { iamTabs, iam, auditLogs: reads("AUDITLOG") };
}

export type VisibleSections = ReturnType<typeof visibleSections>;
