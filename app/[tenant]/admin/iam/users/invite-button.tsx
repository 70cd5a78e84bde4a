import { pageActor } from "@/lib/auth/tenant-actor";
import { db } from "@/lib/db/client";
import { groupOptions } from "@/lib/iam/groups";
import { isEmailConfigured } from "@/lib/email/resend";
import { can, canSomewhere, holdsAll, reachOf } from "@/lib/iam/authorization";
import { namespaceCovers } from "@/lib/iam/namespaces";
import type { PermissionSet } from "@/lib/iam/permissions";
import { LazyInviteDialog as InviteDialog } from "./invite-dialog-lazy";

/**
 * The Users tab's "Invite" button, for whoever may invite somewhere in the tenant. The pickers offer only what the
 * actor could grant (lib/iam/access.ts has the rule, and the server applies it again on every invite).
 */
export async function InviteButton({ tenant }: { tenant: string }) {
  const actor = await pageActor(tenant);
  const principal = actor.principal;
  if (!canSomewhere(principal, "INVITATION", "CREATE", tenant)) return null;

  const reach = reachOf(principal, "INVITATION", "CREATE");
  const isTenantWide = reach.includes(null);
  const canInviteIntoGroups = can(principal, "INVITATION", "CREATE", { tenant }) && can(principal, "GROUP_MEMBERSHIP", "CREATE", { tenant });
  const [groups, roles, namespaces] = await Promise.all([
    canInviteIntoGroups ? groupOptions(tenant) : [],
    db().role.findMany({ where: { tenantId: tenant }, orderBy: [{ isManaged: "desc" }, { name: "asc" }], select: { id: true, name: true, permissions: true } }),
    db().namespace.findMany({ where: { tenantId: tenant }, orderBy: { name: "asc" }, select: { name: true } }),
  ]);
  const grantable = roles.filter((role) => reach.some((namespace) => holdsAll(principal, role.permissions as PermissionSet, { tenant, namespace })));

  return (
    <div className="flex justify-end">
      <InviteDialog
        tenant={tenant}
        groups={groups}
        roles={grantable.map((role) => ({ id: role.id, name: role.name }))}
        namespaces={namespaces.map((namespace) => namespace.name).filter((name) => reach.some((granted) => namespaceCovers(granted, name)))}
        canInviteIntoGroups={canInviteIntoGroups}
        isTenantWide={isTenantWide}
        isSuperAdmin={actor.isSuperAdmin}
        isEmailConfigured={isEmailConfigured()}
      />
    </div>
  );
}
