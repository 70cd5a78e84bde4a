import Link from "next/link";
import { Cell, EmptyRow, HeaderCell, Table } from "@/components/ui/table";
import type { HeldBinding } from "@/lib/iam/authz/effective-permissions";

interface RolesHeldTableProps {
  tenant: string;
  email: string;
  bindings: HeldBinding[];
}

/** Every role the user holds, direct or through a group (the group linked to its page), tenant-wide or on a namespace. */
export function RolesHeldTable({ tenant, email, bindings }: RolesHeldTableProps) {
  return (
    <Table caption={`Roles held by ${email}`}>
      <thead>
        <tr>
          <HeaderCell>Role</HeaderCell>
          <HeaderCell>Namespace</HeaderCell>
          <HeaderCell>From</HeaderCell>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {bindings.length === 0 && <EmptyRow columns={3}>No roles, directly or through a group.</EmptyRow>}
        {bindings.map((binding) => (
          <tr key={binding.id}>
            <Cell className="font-medium text-slate-900">{binding.role}</Cell>
            <Cell>{binding.namespace ?? "Tenant-wide"}</Cell>
            <Cell>
              {binding.via ? (
                <>
                  via{" "}
                  <Link href={`/${tenant}/admin/iam/groups/${binding.via.id}`} prefetch={false} className="row-link">
                    {binding.via.name}
                  </Link>
                </>
              ) : (
                "Direct"
              )}
            </Cell>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
