import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { KeysetPaginationNav } from "@/lib/pagination/keyset-pagination-nav";
import { Cell, EmptyRow, HeaderCell, Table } from "@/components/ui/table";
import { pageActorWith } from "@/lib/auth/tenant-actor";
import { formatDateTime } from "@/lib/format";
import { heldRoleLabel } from "@/lib/iam/authz/binding-labels";
import { userFiltersSchema } from "@/lib/iam/users/user-filter-schemas";
import { directoryFilterOptions, listDirectoryPage } from "@/lib/iam/users/user-directory";
import { displayName } from "@/lib/iam/users/display-name";
import { UserListActions } from "../user-list-actions";
import { UserFiltersForm } from "../user-filters-form";
import { firstValues, listHref } from "@/lib/pagination/search-params";

export const metadata = { title: "Users" };

export default async function UsersPage({ params, searchParams }: PageProps<"/[tenant]/admin/iam/users">) {
  const { tenant } = await params;
  const actor = await pageActorWith(tenant, "USER");
  const raw = await searchParams;
  const filters = userFiltersSchema.parse(firstValues(raw));
  const [page, { groups }] = await Promise.all([listDirectoryPage(actor, filters), directoryFilterOptions(actor)]);
  const isFiltered = Boolean(filters.q || filters.status || filters.group || filters.mfa);

  return (
    <div className="space-y-4">
      <UserListActions tenant={tenant} />
      <UserFiltersForm tenant={tenant} filters={filters} groups={groups} />
      {page.rolesLimitedTo && (
        <p className="text-sm text-slate-600">
          Roles bound within {page.rolesLimitedTo.join(", ")} only. Roles bound tenant-wide or elsewhere need USER:READ tenant-wide to be seen.
        </p>
      )}
      <Table caption="Users of this tenant">
        <thead>
          <tr>
            <HeaderCell>Name</HeaderCell>
            <HeaderCell>Email</HeaderCell>
            <HeaderCell>Groups</HeaderCell>
            <HeaderCell>Roles</HeaderCell>
            <HeaderCell>Status</HeaderCell>
            <HeaderCell>2FA</HeaderCell>
            <HeaderCell>Last sign-in</HeaderCell>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {page.users.length === 0 && (
            <EmptyRow columns={7}>{isFiltered ? "No users match these filters." : "No users have access to this tenant yet."}</EmptyRow>
          )}
          {page.users.map((user) => (
            <tr key={user.id}>
              <Cell className="whitespace-nowrap font-medium text-slate-900">
                {/* Not prefetched: a page of 25 would ask the server for 25 user pages the moment it is shown. */}
                <Link href={`/${tenant}/admin/iam/users/${user.id}`} prefetch={false} className="row-link">
                  {displayName(user)}
                </Link>
              </Cell>
              <Cell>{user.email}</Cell>
              <Cell>{user.groups.join(", ") || "—"}</Cell>
              <Cell>
                <span className="flex flex-wrap gap-1">
                  {user.isSuperAdmin && <Badge tone="brand">Superadmin</Badge>}
                  {user.roles.map((held, index) => (
                    <Badge key={index} tone={held.namespace ? "neutral" : "brand"}>
                      {heldRoleLabel(held)}
                    </Badge>
                  ))}
                  {user.roleCount > user.roles.length && (
                    <span className="text-xs text-slate-600">
                      +{user.roleCount - user.roles.length} more<span className="sr-only"> roles</span>
                    </span>
                  )}
                  {!user.isSuperAdmin && user.roleCount === 0 && "—"}
                </span>
              </Cell>
              <Cell>{user.isDisabled ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>}</Cell>
              <Cell>{user.hasMfa ? <Badge tone="success">On</Badge> : <span className="text-slate-600">Off</span>}</Cell>
              <Cell className="whitespace-nowrap">{formatDateTime(user.lastLoginAt)}</Cell>
            </tr>
          ))}
        </tbody>
      </Table>
      <KeysetPaginationNav
        previousCursor={page.previousCursor}
        nextCursor={page.nextCursor}
        href={(cursor) => listHref(`/${tenant}/admin/iam/users`, { q: filters.q, status: filters.status, mfa: filters.mfa, group: filters.group, sort: filters.sort, ...cursor })}
      />
    </div>
  );
}
