import { Cell, EmptyRow, HeaderCell, Table } from "@/components/ui/table";
import { listGroups } from "@/lib/iam/catalog";

export const metadata = { title: "Groups" };

export default async function GroupsPage({ params }: PageProps<"/[tenant]/admin/iam/groups">) {
  const { tenant } = await params;
  const groups = await listGroups(tenant);
  return (
    <Table caption="Groups of this tenant">
      <thead>
        <tr>
          <HeaderCell>Name</HeaderCell>
          <HeaderCell>Description</HeaderCell>
          <HeaderCell>Members</HeaderCell>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {groups.length === 0 && <EmptyRow columns={3}>No groups yet.</EmptyRow>}
        {groups.map((group) => (
          <tr key={group.id}>
            <Cell className="font-medium text-slate-900">{group.name}</Cell>
            <Cell>{group.description || "—"}</Cell>
            <Cell>{group.memberCount}</Cell>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
