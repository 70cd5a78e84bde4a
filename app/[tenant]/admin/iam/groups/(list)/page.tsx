import Link from "next/link";
import { ListSearchForm } from "@/lib/pagination/list-search-form";
import { KeysetPaginationNav } from "@/lib/pagination/keyset-pagination-nav";
import { Cell, EmptyRow, HeaderCell, Table } from "@/components/ui/table";
import { pageActorWith } from "@/lib/auth/tenant-actor";
import { can } from "@/lib/iam/authz/engine";
import { listGroups } from "@/lib/iam/groups/group-reads";
import { GROUP_NAME_MAX, groupListFiltersSchema } from "@/lib/iam/groups/group-schemas";
import { firstValues, listHref } from "@/lib/pagination/search-params";
import { CreateGroupDialog } from "./create-group-dialog";
import { BindingBadges } from "./binding-badges";

export const metadata = { title: "Groups" };

export default async function GroupsPage({ params, searchParams }: PageProps<"/[tenant]/admin/iam/groups">) {
  const { tenant } = await params;
  const actor = await pageActorWith(tenant, "GROUP", "READ");
  const filters = groupListFiltersSchema.parse(firstValues(await searchParams));
  const { groups, nextCursor, previousCursor } = await listGroups(actor, filters);
  const canCreate = can(actor.principal, "GROUP", "CREATE", { tenant });
  const groupsHref = `/${tenant}/admin/iam/groups`;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <p className="text-sm text-slate-600">Members of a group get every role bound to the group.</p>
        {canCreate && <CreateGroupDialog tenant={tenant} />}
      </div>
      <ListSearchForm id="group-search" label="Search groups" action={groupsHref} query={filters.q} maxLength={GROUP_NAME_MAX} placeholder="Name" />
      <Table caption="Groups of this tenant">
        <thead>
          <tr>
            <HeaderCell>Name</HeaderCell>
            <HeaderCell>Description</HeaderCell>
            <HeaderCell>Members</HeaderCell>
            <HeaderCell>Roles</HeaderCell>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {groups.length === 0 && (
            <EmptyRow columns={4}>
              {filters.q ? `No group matches “${filters.q}”.` : <>No groups yet.{canCreate && " Create one to give several people the same roles."}</>}
            </EmptyRow>
          )}
          {groups.map((group) => (
            <tr key={group.id}>
              <Cell className="font-medium">
                <Link href={`/${tenant}/admin/iam/groups/${group.id}`} prefetch={false} className="row-link">
                  {group.name}
                </Link>
              </Cell>
              <Cell className="max-w-md break-words">{group.description || "—"}</Cell>
              <Cell>{group.memberCount}</Cell>
              <Cell>
                <BindingBadges bindings={group.bindings} />
              </Cell>
            </tr>
          ))}
        </tbody>
      </Table>
      <KeysetPaginationNav
        label="Groups pages"
        previousCursor={previousCursor}
        nextCursor={nextCursor}
        href={(cursor) => listHref(groupsHref, { q: filters.q, ...cursor })}
      />
    </div>
  );
}
