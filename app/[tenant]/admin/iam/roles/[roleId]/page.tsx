import Link from "next/link";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/back-link";
import { PermissionMatrix } from "@/components/permission-matrix";
import { Badge } from "@/components/ui/badge";
import { pageActorWith } from "@/lib/auth/tenant-actor";
import { can } from "@/lib/iam/authz/engine";
import { getRole, getRoleUsage, grantablePermissions } from "@/lib/iam/roles/role-reads";
import { RoleForm } from "../role-form";
import { DeleteRoleButton } from "./delete-role-button";
import { RoleUsageList } from "./role-usage-list";

export async function generateMetadata({ params }: PageProps<"/[tenant]/admin/iam/roles/[roleId]">) {
  const { tenant, roleId } = await params;
  // The same (per-request cached) check as the page's: the role's name is only read for someone who may see it.
  const role = await getRole(await pageActorWith(tenant, "ROLE", "READ"), roleId);
  return { title: role ? `Role ${role.name}` : "Role" };
}

export default async function RolePage({ params }: PageProps<"/[tenant]/admin/iam/roles/[roleId]">) {
  const { tenant, roleId } = await params;
  const actor = await pageActorWith(tenant, "ROLE", "READ");
  const role = await getRole(actor, roleId);
  if (!role) notFound();
  const usage = await getRoleUsage(actor, role.id);
  const mayEdit = !role.isManaged && can(actor.principal, "ROLE", "UPDATE", { tenant });
  const mayDelete = !role.isManaged && can(actor.principal, "ROLE", "DELETE", { tenant });
  return (
    <div className="space-y-6">
      <BackLink href={`/${tenant}/admin/iam/roles`}>All roles</BackLink>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1">
          <h2 className="flex items-center gap-2 text-xl font-semibold text-slate-900">
            {role.name} {role.isManaged ? <Badge tone="brand">Managed</Badge> : <Badge>Custom</Badge>}
          </h2>
          {role.isManaged ? (
            <p className="text-sm text-slate-600">
              {role.description} Managed roles come with the console and are read-only; create a custom role to change them.
            </p>
          ) : (
            !mayEdit && <p className="text-sm text-slate-600">{role.description || "No description."}</p>
          )}
        </div>
        {mayDelete && <DeleteRoleButton tenant={tenant} role={{ id: role.id, name: role.name }} />}
      </div>

      <section aria-labelledby="permissions-heading" className="space-y-3">
        <h3 id="permissions-heading" className="text-base font-semibold text-slate-900">
          {mayEdit ? "Edit role" : "Permissions"}
        </h3>
        {mayEdit ? (
          <RoleForm tenant={tenant} role={role} grantable={grantablePermissions(actor)} isSuperAdmin={actor.isSuperAdmin} />
        ) : (
          <PermissionMatrix caption={`Permissions of ${role.name}`} value={role.permissions} />
        )}
      </section>

      <section aria-labelledby="usage-heading" className="space-y-3">
        <h3 id="usage-heading" className="text-base font-semibold text-slate-900">
          Where it is used
        </h3>
        <RoleUsageList usage={usage} empty="This role isn't bound to anyone and no open invitation grants it." />
      </section>
    </div>
  );
}
