import { canSomewhere, type Principal } from "@/lib/iam/authorization";

/** What the navigation offers: a section appears only when the user could open it. */
export function visibleSections(principal: Principal, tenant: string) {
  const reads = (permission: Parameters<typeof canSomewhere>[1]) => canSomewhere(principal, permission, "READ", tenant);
  const iamTabs = {
    users: reads("USER"),
    invitations: reads("INVITATION"),
    groups: reads("GROUP"),
    roles: reads("ROLE"),
    namespaces: reads("NAMESPACE"),
  };
  return { iamTabs, iam: Object.values(iamTabs).some(Boolean), auditLogs: reads("AUDITLOG") };
}

export type VisibleSections = ReturnType<typeof visibleSections>;
