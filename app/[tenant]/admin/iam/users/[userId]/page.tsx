import Link from "next/link";
import { notFound } from "next/navigation";
import { AddRoleDialog } from "@/components/add-role-dialog";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Cell, EmptyRow, HeaderCell, Table } from "@/components/ui/table";
import { pageActorWith } from "@/lib/auth/tenant-actor";
import { can, canSomewhere } from "@/lib/iam/authz/engine";
import { RelativeTime } from "@/components/relative-time";
import { formatDateTime } from "@/lib/format";
import { factorKindLabel } from "@/lib/iam/mfa/factor-kinds";
import { getUserAccess } from "@/lib/iam/users/user-access";
import { getUserDetail, userPageChoices } from "@/lib/iam/users/user-detail";
import { displayName } from "@/lib/iam/users/display-name";
import { userIdSchema } from "@/lib/iam/users/user-schemas";
import { isEmailConfigured } from "@/lib/email/resend";
import { addToGroupAction, addUserBindingAction } from "./actions";
import { EffectivePermissionsSection } from "./effective-permissions-section";
import { RolesHeldTable } from "./roles-held-table";
import { AddToGroupForm, RemoveBindingButton, RemoveMembershipButton, UserAccountControls } from "./user-controls";

export const metadata = { title: "User" };

export default async function UserPage({ params }: PageProps<"/[tenant]/admin/iam/users/[userId]">) {
  const { tenant, userId } = await params;
  const actor = await pageActorWith(tenant, "USER");
  if (!userIdSchema.safeParse(userId).success) notFound();
  const [user, access, { groups, roles, namespaces }] = await Promise.all([getUserDetail(actor, userId), getUserAccess(actor, userId), userPageChoices(actor)]);
  if (!user || !access) notFound();
  const allowed = (permission: Parameters<typeof can>[1], action: Parameters<typeof can>[2]) => can(actor.principal, permission, action, { tenant });
  const isSelf = user.id === actor.id;
  const canTouch = !isSelf && (actor.isSuperAdmin || !user.superAdmin);
  const name = displayName(user);
  const memberGroupIds = new Set(user.memberships.map((membership) => membership.group.id));

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <Link href={`/${tenant}/admin/iam/users`} className="text-sm text-brand-700 underline-offset-4 hover:underline">
          ← All users
        </Link>
        <PageHeader
          title={name}
          description={`${user.email} · joined ${formatDateTime(user.createdAt)} · last sign-in ${formatDateTime(user.lastLoginAt)}`}
        />
        <div className="flex gap-2">
          {user.superAdmin && <Badge tone="brand">Superadmin</Badge>}
          {user.disabled ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>}
          {user.signInLock.isLocked && <Badge tone="warning">Locked</Badge>}
          {user.secondFactors.length > 0 ? <Badge tone="success">2FA on</Badge> : <Badge>2FA off</Badge>}
        </div>
      </div>

      {canTouch && (
        <UserAccountControls
          tenant={tenant}
          userId={user.id}
          email={user.email}
          isDisabled={user.disabled}
          isSuperAdmin={user.superAdmin}
          canDisable={allowed("USER", "UPDATE") && (actor.isSuperAdmin || user._count.accesses === 1)}
          canRemove={allowed("TENANT_ACCESS", "DELETE")}
          canManageSuperAdmin={actor.isSuperAdmin}
          canManageAccount={allowed("USER", "UPDATE") && (actor.isSuperAdmin || user._count.accesses === 1)}
          name={{ firstName: user.firstName, lastName: user.lastName }}
          emailConfigured={isEmailConfigured()}
          lockedUntil={user.signInLock.isLocked ? `until ${formatDateTime(user.signInLock.until, "further notice")}` : null}
          hasMfa={user.secondFactors.length > 0}
        />
      )}

      <section aria-labelledby="factors-heading" className="space-y-3">
        <h2 id="factors-heading" className="text-lg font-semibold text-slate-900">
          Two-factor authentication
        </h2>
        <Table caption={`Second factors of ${user.email}`}>
          <thead>
            <tr>
              <HeaderCell>Name</HeaderCell>
              <HeaderCell>Type</HeaderCell>
              <HeaderCell>Added</HeaderCell>
              <HeaderCell>Last used</HeaderCell>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {user.secondFactors.length === 0 && <EmptyRow columns={4}>No second factor: the password alone signs them in.</EmptyRow>}
            {user.secondFactors.map((factor) => (
              <tr key={factor.id}>
                <Cell className="font-medium text-slate-900">{factor.name}</Cell>
                <Cell>{factorKindLabel(factor.kind)}</Cell>
                <Cell>
                  <RelativeTime date={factor.createdAt} />
                </Cell>
                <Cell>
                  <RelativeTime date={factor.lastUsedAt} />
                </Cell>
              </tr>
            ))}
          </tbody>
        </Table>
      </section>

      <section aria-labelledby="groups-heading" className="space-y-3">
        <h2 id="groups-heading" className="text-lg font-semibold text-slate-900">
          Groups
        </h2>
        <Table caption={`Groups of ${user.email}`}>
          <thead>
            <tr>
              <HeaderCell>Group</HeaderCell>
              <HeaderCell actions />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {user.memberships.length === 0 && <EmptyRow columns={2}>Not in any group.</EmptyRow>}
            {user.memberships.map(({ group }) => (
              <tr key={group.id}>
                <Cell>
                  <Link href={`/${tenant}/admin/iam/groups/${group.id}`} className="row-link">
                    {group.name}
                  </Link>
                </Cell>
                <Cell className="text-right">
                  {allowed("GROUP_MEMBERSHIP", "DELETE") && <RemoveMembershipButton tenant={tenant} userId={user.id} groupId={group.id} groupName={group.name} />}
                </Cell>
              </tr>
            ))}
          </tbody>
        </Table>
        {allowed("GROUP_MEMBERSHIP", "CREATE") && (
          <AddToGroupForm groups={groups.filter((group) => !memberGroupIds.has(group.id))} onAdd={addToGroupAction.bind(null, tenant, user.id)} />
        )}
      </section>

      <section aria-labelledby="bindings-heading" className="space-y-3">
        <div className="flex items-center justify-between">
          <h2 id="bindings-heading" className="text-lg font-semibold text-slate-900">
            Role bindings
          </h2>
          {canSomewhere(actor.principal, "BINDING", "CREATE", tenant) && (
            <AddRoleDialog
              subjectLabel={user.email}
              roles={roles}
              namespaces={namespaces}
              onAdd={addUserBindingAction.bind(null, tenant, user.id)}
            />
          )}
        </div>
        <Table caption={`Role bindings of ${user.email}`}>
          <thead>
            <tr>
              <HeaderCell>Role</HeaderCell>
              <HeaderCell>Namespace</HeaderCell>
              <HeaderCell actions />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {user.bindings.length === 0 && <EmptyRow columns={3}>No roles bound directly. Roles may still come from groups.</EmptyRow>}
            {user.bindings.map((binding) => (
              <tr key={binding.id}>
                <Cell className="font-medium text-slate-900">{binding.role.name}</Cell>
                <Cell>{binding.namespace ?? "Tenant-wide"}</Cell>
                <Cell className="text-right">
                  {can(actor.principal, "BINDING", "DELETE", { tenant, namespace: binding.namespace }) && (
                    <RemoveBindingButton tenant={tenant} userId={user.id} bindingId={binding.id} label={`${binding.role.name} ${binding.namespace ?? "tenant-wide"}`} />
                  )}
                </Cell>
              </tr>
            ))}
          </tbody>
        </Table>
      </section>

      <section aria-labelledby="roles-held-heading" className="space-y-3">
        <h2 id="roles-held-heading" className="text-lg font-semibold text-slate-900">
          Roles held
        </h2>
        <p className="text-sm text-slate-600">Bound to them directly or to a group they are in, tenant-wide or in the namespaces shown (and below).</p>
        <RolesHeldTable tenant={tenant} email={user.email} bindings={access.bindings} />
      </section>

      <EffectivePermissionsSection email={user.email} access={access} isSuperAdmin={user.superAdmin} isDisabled={user.disabled} />
    </div>
  );
}
