import { Badge } from "@/components/ui/badge";
import { Cell, EmptyRow, HeaderCell, Table } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import { listTenantUsers } from "@/lib/iam/users";

export const metadata = { title: "Users" };

export default async function UsersPage({ params }: PageProps<"/[tenant]/admin/iam/users">) {
  const { tenant } = await params;
  const users = await listTenantUsers(tenant);
  return (
    <Table caption="Users of this tenant">
      <thead>
        <tr>
          <HeaderCell>Name</HeaderCell>
          <HeaderCell>Email</HeaderCell>
          <HeaderCell>Groups</HeaderCell>
          <HeaderCell>Roles</HeaderCell>
          <HeaderCell>Status</HeaderCell>
          <HeaderCell>Last sign-in</HeaderCell>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {users.length === 0 && <EmptyRow columns={6}>No users have access to this tenant yet.</EmptyRow>}
        {users.map((user) => (
          <tr key={user.id}>
            <Cell className="whitespace-nowrap font-medium text-slate-900">{user.name || "—"}</Cell>
            <Cell>{user.email}</Cell>
            <Cell>{user.groups.join(", ") || "—"}</Cell>
            <Cell>
              <span className="flex flex-wrap gap-1">
                {user.isSuperAdmin && <Badge tone="brand">Superadmin</Badge>}
                {user.roles.map((role) => (
                  <Badge key={role}>{role}</Badge>
                ))}
                {!user.isSuperAdmin && user.roles.length === 0 && "—"}
              </span>
            </Cell>
            <Cell>{user.isDisabled ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>}</Cell>
            <Cell className="whitespace-nowrap">{formatDateTime(user.lastLoginAt)}</Cell>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
