import { BackLink } from "@/components/back-link";
import { ChevronLeft } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Cell, EmptyRow, HeaderCell, Table } from "@/components/ui/table";
import { pageActorWith } from "@/lib/auth/tenant-actor";
import { RelativeTime } from "@/components/relative-time";
import { can } from "@/lib/iam/authz/engine";
import { listGroupMembers } from "@/lib/iam/groups/list-group-members";
import { getGroup, groupChoices } from "@/lib/iam/groups/group-reads";
import { groupMemberFiltersSchema, MEMBER_SEARCH_MAX } from "@/lib/iam/groups/group-schemas";
import { ListSearchForm } from "@/lib/pagination/list-search-form";
import { KeysetPaginationNav } from "@/lib/pagination/keyset-pagination-nav";
import type { Action, Permission } from "@/lib/iam/authz/permissions";
import { AddMemberDialog } from "./add-member-dialog";
import { AddRoleDialog } from "@/components/add-role-dialog";
import { addGroupBindingsAction } from "../actions";
import { GroupActions } from "./group-actions";
import { RemoveBindingButton, RemoveMemberButton } from "./remove-buttons";
import { firstValues, listHref } from "@/lib/pagination/search-params";

export const metadata = { title: "Group" };

export default async function GroupPage({ params, searchParams }: PageProps<"/[tenant]/admin/iam/groups/[groupId]">) {
  const { tenant, groupId } = await params;
  const raw = await searchParams;
  const filters = groupMemberFiltersSchema.parse(firstValues(raw));
  const actor = await pageActorWith(tenant, "GROUP", "READ");
  const group = await getGroup(actor, groupId);
  if (!group) notFound();
  const [choices, members] = await Promise.all([groupChoices(actor, group.id), listGroupMembers(actor, group.id, filters)]);
  // Buttons appear only for what the actor may do; the actions check again on the server regardless.
  const allows = (permission: Permission, action: Action) => can(actor.principal, permission, action, { tenant });
  const canRemoveMember = allows("GROUP_MEMBERSHIP", "DELETE");
  const canRemoveBinding = allows("BINDING", "DELETE");
  const groupsHref = `/${tenant}/admin/iam/groups`;
  const groupHref = `${groupsHref}/${group.id}`;

  return (
    <div className="space-y-8">
      <div className="space-y-3">
        <BackLink href={groupsHref}>All groups</BackLink>
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0 space-y-1">
            <h2 className="break-words text-xl font-semibold text-slate-900">{group.name}</h2>
            <p className="whitespace-pre-line break-words text-sm text-slate-600">{group.description || "No description."}</p>
          </div>
          <GroupActions
            tenant={tenant}
            group={{ id: group.id, name: group.name, description: group.description, memberCount: group.memberCount, bindingCount: group.bindings.length }}
            canUpdate={allows("GROUP", "UPDATE")}
            canDelete={allows("GROUP", "DELETE")}
          />
        </div>
      </div>

      <section aria-labelledby="members-heading" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-4">
          <h3 id="members-heading" className="text-lg font-semibold text-slate-900">
            Members <span className="text-sm font-normal text-slate-600">({group.memberCount})</span>
          </h3>
          {allows("GROUP_MEMBERSHIP", "CREATE") && (
            <AddMemberDialog tenant={tenant} groupId={group.id} groupName={group.name} users={choices.users} hasMoreUsers={choices.hasMoreUsers} />
          )}
        </div>
        {group.memberCount > 0 && (
          <ListSearchForm id="member-search" label="Search members" action={groupHref} query={filters.q} maxLength={MEMBER_SEARCH_MAX} placeholder="Email or name" />
        )}
        <Table caption={`Members of ${group.name}`}>
          <thead>
            <tr>
              <HeaderCell>Name</HeaderCell>
              <HeaderCell>Email</HeaderCell>
              <HeaderCell>Added</HeaderCell>
              {canRemoveMember && (
                <HeaderCell actions />
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {members.members.length === 0 && (
              <EmptyRow columns={canRemoveMember ? 4 : 3}>{filters.q ? `No member matches “${filters.q}”.` : "No members yet."}</EmptyRow>
            )}
            {members.members.map((member) => (
              <tr key={member.id}>
                <Cell className="font-medium text-slate-900">{member.name || "—"}</Cell>
                <Cell>{member.email}</Cell>
                <Cell className="whitespace-nowrap">
                  <RelativeTime date={member.addedAt} />
                </Cell>
                {canRemoveMember && (
                  <Cell className="text-right">
                    <RemoveMemberButton tenant={tenant} groupId={group.id} groupName={group.name} member={{ id: member.id, email: member.email }} />
                  </Cell>
                )}
              </tr>
            ))}
          </tbody>
        </Table>
        <KeysetPaginationNav
          label="Members pages"
          previousCursor={members.previousCursor}
          nextCursor={members.nextCursor}
          href={(cursor) => listHref(groupHref, { q: filters.q, ...cursor }, "#members-heading")}
        />
      </section>

      <section aria-labelledby="bindings-heading" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-4">
          <div className="space-y-1">
            <h3 id="bindings-heading" className="text-lg font-semibold text-slate-900">
              Role bindings
            </h3>
            <p className="text-sm text-slate-600">Every member holds these roles, tenant-wide or in the namespaces shown (and below).</p>
          </div>
          {allows("BINDING", "CREATE") && (
            <AddRoleDialog
              subjectLabel={`every member of ${group.name}`}
              roles={choices.roles}
              namespaces={choices.namespaces}
              onAdd={addGroupBindingsAction.bind(null, tenant, group.id)}
            />
          )}
        </div>
        <Table caption={`Role bindings of ${group.name}`}>
          <thead>
            <tr>
              <HeaderCell>Role</HeaderCell>
              <HeaderCell>Namespace</HeaderCell>
              {canRemoveBinding && (
                <HeaderCell actions />
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {group.bindings.length === 0 && <EmptyRow columns={canRemoveBinding ? 3 : 2}>No roles yet: members get nothing from this group.</EmptyRow>}
            {group.bindings.map((binding) => (
              <tr key={binding.id}>
                <Cell className="font-medium text-slate-900">{binding.role}</Cell>
                <Cell>{binding.namespace ?? <Badge tone="brand">Tenant-wide</Badge>}</Cell>
                {canRemoveBinding && (
                  <Cell className="text-right">
                    <RemoveBindingButton tenant={tenant} groupName={group.name} binding={binding} />
                  </Cell>
                )}
              </tr>
            ))}
          </tbody>
        </Table>
      </section>
    </div>
  );
}
