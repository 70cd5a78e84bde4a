import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Cell, EmptyRow, HeaderCell, Table } from "@/components/ui/table";
import { pageActorWith } from "@/lib/auth/tenant-actor";
import { can } from "@/lib/iam/authz/engine";
import { grantablePermissions, listRoles } from "@/lib/iam/roles/role-reads";
import { CreateRoleDialog } from "../create-role-dialog";

export const metadata = { title: "Roles" };

export default async function RolesPage({ params }: PageProps<"/[tenant]/admin/iam/roles">) {
  const { tenant } = await params;
  const actor = await pageActorWith(tenant, "ROLE", "READ");
  const roles = await listRoles(actor);
  const mayCreate = can(actor.principal, "ROLE", "CREATE", { tenant });
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600">Managed roles come with the console and are read-only; custom roles are yours to shape.</p>
        {mayCreate && <CreateRoleDialog tenant={tenant} grantable={grantablePermissions(actor)} isSuperAdmin={actor.isSuperAdmin} />}
      </div>
      <Table caption="Roles of this tenant">
        <thead>
          <tr>
            <HeaderCell>Name</HeaderCell>
            <HeaderCell>Description</HeaderCell>
            <HeaderCell>Type</HeaderCell>
            <HeaderCell>Bindings</HeaderCell>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {roles.length === 0 && <EmptyRow columns={4}>No roles yet.</EmptyRow>}
          {roles.map((role) => (
            <tr key={role.id}>
              <Cell className="font-medium">
                <Link href={`/${tenant}/admin/iam/roles/${role.id}`} prefetch={false} className="row-link">
                  {role.name}
                </Link>
              </Cell>
              <Cell>{role.description || "—"}</Cell>
              <Cell>{role.isManaged ? <Badge tone="brand">Managed</Badge> : <Badge>Custom</Badge>}</Cell>
              <Cell>{role.bindingCount}</Cell>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
