import { ROLE_USAGE_COUNT_CAP, type RoleUsage } from "@/lib/iam/roles/role-usage";

/**
 * Where a role is used: how often in all, then the first bindings (user email or group name, with namespace) and open
 * invitations; a managed role may be bound thousands of times, so the rest is a count.
 */
export function RoleUsageList({ usage, empty }: { usage: RoleUsage; empty?: string }) {
  if (usage.bindingCount === 0 && usage.invitationCount === 0) {
    return empty ? <p className="text-sm text-slate-600">{empty}</p> : null;
  }
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600">
        {`Bound ${count(usage.bindingCount, "time", "times")}; offered by ${count(usage.invitationCount, "open invitation", "open invitations")}.`}
      </p>
      <ul aria-label="Where this role is used" className="list-disc space-y-1 pl-5 text-sm text-slate-800">
        {usage.bindings.map((binding) => (
          <li key={binding.id}>
            {binding.subject === "USER" ? "User" : "Group"} <span className="font-medium">{binding.label}</span>{" "}
            {binding.namespace ? (
              <>
                on namespace <span className="font-mono">{binding.namespace}</span>
              </>
            ) : (
              "tenant-wide"
            )}
          </li>
        ))}
        {usage.bindingCount > usage.bindings.length && <li>{more(usage.bindingCount, usage.bindings.length, "binding", "bindings")}</li>}
        {usage.invitations.map((invitation) => (
          <li key={invitation.id}>
            {invitation.status === "EXPIRED" ? "Expired invitation" : "Pending invitation"} for{" "}
            <span className="font-medium">{invitation.email}</span>
          </li>
        ))}
        {usage.invitationCount > usage.invitations.length && (
          <li>{more(usage.invitationCount, usage.invitations.length, "open invitation", "open invitations")}</li>
        )}
      </ul>
    </div>
  );
}

/** "1 time", "12 times"; a count past the cap (role-reads.ts counts no further) is "more than 10,000 times". */
function count(n: number, one: string, many: string): string {
  if (n > ROLE_USAGE_COUNT_CAP) return `more than ${ROLE_USAGE_COUNT_CAP.toLocaleString("en")} ${many}`;
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

/** The line after the listed ones: "…and 3 more bindings", or past the cap "…and more than 9,950 more bindings". */
function more(total: number, listed: number, one: string, many: string): string {
  if (total > ROLE_USAGE_COUNT_CAP) return `…and more than ${(ROLE_USAGE_COUNT_CAP - listed).toLocaleString("en")} more ${many}`;
  return `…and ${count(total - listed, `more ${one}`, `more ${many}`)}`;
}
