import type { RoleUsage } from "@/lib/iam/roles";

/** Bindings (user email or group name, with namespace) and open invitations that use a role. */
export function RoleUsageList({ usage, empty }: { usage: RoleUsage; empty?: string }) {
  if (usage.bindings.length === 0 && usage.invitations.length === 0) {
    return empty ? <p className="text-sm text-slate-600">{empty}</p> : null;
  }
  return (
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
      {usage.invitations.map((invitation) => (
        <li key={invitation.id}>
          {invitation.status === "EXPIRED" ? "Expired invitation" : "Pending invitation"} for{" "}
          <span className="font-medium">{invitation.email}</span>
        </li>
      ))}
    </ul>
  );
}
