import { Badge } from "@/components/ui/badge";
import { Cell, EmptyRow, HeaderCell, Table } from "@/components/ui/table";
import { listRoles } from "@/lib/iam/catalog";

export const metadata = { title: "Roles" };

export default async function RolesPage({ params }: PageProps<"/[tenant]/admin/iam/roles">) {
  const { tenant } = await params;
  const roles = await listRoles(tenant);
  return (
    <Table caption="Roles of this tenant">
      <thead>
        <tr>
          <HeaderCell>Name</HeaderCell>
          <HeaderCell>Description</HeaderCell>
          <HeaderCell>Permissions</HeaderCell>
          <HeaderCell>Type</HeaderCell>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {roles.length === 0 && <EmptyRow columns={4}>No roles yet.</EmptyRow>}
        {roles.map((role) => (
          <tr key={role.id}>
            <Cell className="font-medium text-slate-900">{role.name}</Cell>
            <Cell>{role.description || "—"}</Cell>
            <Cell>{role.permissionCount}</Cell>
            <Cell>{role.isManaged ? <Badge tone="brand">Managed</Badge> : <Badge>Custom</Badge>}</Cell>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
