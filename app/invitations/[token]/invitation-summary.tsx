import { RelativeTime } from "@/components/relative-time";
import type { InvitationView } from "@/lib/iam/invitations/accept-invitation";
import type { ResolvedAccess } from "@/lib/iam/invitations/invitation-access";

const scope = (namespace: string | null) => (namespace ? `on ${namespace}` : "tenant-wide");

/** Each grant on its own line: groups with the roles they carry, a direct role with its namespaces or "tenant-wide". */
function accessLines(access: ResolvedAccess): string[] {
  const lines = access.groups.map((group) => {
    const roles = group.bindings.map((binding) => `${binding.roleName} ${scope(binding.namespace)}`);
    return `Group ${group.name}${roles.length ? `: ${roles.join(", ")}` : " (no roles yet)"}`;
  });
  if (access.role) {
    lines.push(`Role ${access.role.name} ${access.role.namespaces.length ? `on ${access.role.namespaces.join(", ")}` : "tenant-wide"}`);
  }
  if (access.superAdmin) lines.push("Superadmin: manages every tenant");
  return lines.length ? lines : ["Access to the tenant, no roles yet"];
}

/** Who invited whom to what, until when: everything the invitee should know before accepting. */
export function InvitationSummary({ invitation, showEmail }: { invitation: InvitationView; showEmail: boolean }) {
  const row = "grid gap-1 sm:grid-cols-[8rem_1fr]";
  return (
    <div className="space-y-4">
      <p className="text-slate-700">
        <strong className="font-semibold text-slate-900">{invitation.inviterName}</strong> invited you to join{" "}
        <strong className="font-semibold text-slate-900">{invitation.tenantName}</strong>.
      </p>
      <dl className="space-y-3 rounded-lg bg-slate-50 p-4 text-sm">
        <div className={row}>
          <dt className="font-medium text-slate-600">Tenant</dt>
          <dd className="text-slate-900">{invitation.tenantName}</dd>
        </div>
        <div className={row}>
          <dt className="font-medium text-slate-600">Invited by</dt>
          <dd className="text-slate-900">{invitation.inviterName}</dd>
        </div>
        <div className={row}>
          <dt className="font-medium text-slate-600">Access</dt>
          <dd className="text-slate-900">
            <ul className="space-y-1">
              {accessLines(invitation.access).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </dd>
        </div>
        {showEmail && (
          <div className={row}>
            <dt className="font-medium text-slate-600">Invited email</dt>
            <dd className="break-all text-slate-900">{invitation.email}</dd>
          </div>
        )}
        <div className={row}>
          <dt className="font-medium text-slate-600">Expires</dt>
          <dd className="text-slate-900">
            <RelativeTime date={invitation.expiresAt} />
          </dd>
        </div>
      </dl>
      {invitation.requireMfa && (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          This invitation requires two-factor authentication: after accepting, you set up an authenticator app or a passkey, and the access is
          granted then.
        </p>
      )}
    </div>
  );
}
