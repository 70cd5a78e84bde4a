import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { KeysetPaginationNav } from "@/lib/pagination/keyset-pagination-nav";
import { Cell, EmptyRow, HeaderCell, Table } from "@/components/ui/table";
import { pageActorWith } from "@/lib/auth/tenant-actor";
import { EmailText } from "@/components/email-text";
import { RelativeTime } from "@/components/relative-time";
import { heldRoleLabel } from "@/lib/iam/authz/binding-labels";
import { userFiltersSchema, type UserSort } from "@/lib/iam/users/user-filter-schemas";
import { directoryFilterOptions, listDirectoryPage } from "@/lib/iam/users/user-directory";
import { displayName } from "@/lib/iam/users/display-name";
import { UserListActions } from "../user-list-actions";
import { UserFiltersForm } from "../user-filters-form";
import { firstValues, listHref } from "@/lib/pagination/search-params";
import { can } from "@/lib/iam/authz/engine";
import { countPendingInvitations } from "@/lib/iam/invitations/pending-invitation-count";
import { RowCheckbox, RowCheckboxSpace, SelectAllCheckbox } from "@/components/row-selection/row-checkbox";
import { PendingInvitationsLink } from "./pending-invitations-link";
import { SortHeaderCell } from "./sort-header-cell";
import { UserSelection } from "./user-selection";

export const metadata = { title: "Users" };

/** The form the rows' checkboxes belong to (components/row-selection). */
const SELECTION_FORM = "user-selection";

export default async function UsersPage({ params, searchParams }: PageProps<"/[tenant]/admin/iam/users">) {
  const { tenant } = await params;
  const actor = await pageActorWith(tenant, "USER");
  const raw = await searchParams;
  const filters = userFiltersSchema.parse(firstValues(raw));
  const [page, { groups }, pendingInvitations] = await Promise.all([
    listDirectoryPage(actor, filters),
    directoryFilterOptions(actor),
    countPendingInvitations(actor),
  ]);
  const isFiltered = Boolean(filters.q || filters.status || filters.group || filters.mfa);
  const listLink = (params: { sort: UserSort; before?: string; after?: string }) =>
    listHref(`/${tenant}/admin/iam/users`, { q: filters.q, status: filters.status, mfa: filters.mfa, group: filters.group, ...params });
  // Disabling and enabling are tenant-wide USER:UPDATE (docs/rules.md § Tenants 6). The rows offered are those the
  // rules may allow (never oneself; a superadmin only to a superadmin); each is decided again on the server.
  const canSetDisabled = can(actor.principal, "USER", "UPDATE", { tenant: actor.tenantId });
  const isSelectable = (user: { id: string; isSuperAdmin: boolean }) => canSetDisabled && user.id !== actor.id && (!user.isSuperAdmin || actor.isSuperAdmin);
  const hasSelectable = page.users.some(isSelectable);

  return (
    <div className="space-y-4">
      <UserListActions tenant={tenant} />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0 flex-1">
          <UserFiltersForm tenant={tenant} filters={filters} groups={groups} />
        </div>
        {pendingInvitations ? <PendingInvitationsLink tenant={tenant} count={pendingInvitations} /> : null}
      </div>
      {page.rolesLimitedTo && (
        <p className="text-sm text-slate-600">
          Roles bound within {page.rolesLimitedTo.join(", ")} only. Roles bound tenant-wide or elsewhere need USER:READ tenant-wide to be seen.
        </p>
      )}
      <UserSelection tenant={tenant} formId={SELECTION_FORM} hasSelectable={hasSelectable}>
        <Table caption="Users of this tenant">
          <thead>
            <tr>
              <SortHeaderCell column="name" label="Name" sort={filters.sort} href={(sort) => listLink({ sort })}>
                {hasSelectable && <SelectAllCheckbox form={SELECTION_FORM} />}
              </SortHeaderCell>
              <SortHeaderCell column="email" label="Email" sort={filters.sort} href={(sort) => listLink({ sort })} />
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
                  <span className="flex items-center gap-3">
                    {isSelectable(user) ? <RowCheckbox form={SELECTION_FORM} id={user.id} label={user.email} /> : hasSelectable && <RowCheckboxSpace />}
                    {/* Not prefetched: a page of 25 would ask the server for 25 user pages the moment it is shown. */}
                    <Link href={`/${tenant}/admin/iam/users/${user.id}`} prefetch={false} className="row-link">
                      {displayName(user)}
                    </Link>
                  </span>
                </Cell>
                <Cell className="min-w-40">
                  <EmailText email={user.email} />
                </Cell>
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
                <Cell className="whitespace-nowrap">
                  <RelativeTime date={user.lastLoginAt} />
                </Cell>
              </tr>
            ))}
          </tbody>
        </Table>
      </UserSelection>
      <KeysetPaginationNav
        previousCursor={page.previousCursor}
        nextCursor={page.nextCursor}
        href={(cursor) => listLink({ sort: filters.sort, ...cursor })}
      />
    </div>
  );
}
