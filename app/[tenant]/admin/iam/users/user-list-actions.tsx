import { pageActor } from "@/lib/auth/tenant-actor";
import { ssoConfig } from "@/lib/config";
import { isEmailConfigured } from "@/lib/email/resend";
import { inviteRights } from "@/lib/iam/invitations/invite-choices";
import { mayCreateUsers } from "@/lib/iam/users/create-user";
import { LazyCreateUserDialog as CreateUserDialog } from "./create-user-dialog-lazy";
import { LazyInviteDialog as InviteDialog } from "./invite-dialog-lazy";

/**
 * The Users tab's "Create user" and "Invite" buttons, for whoever may do either in the tenant. No query here: the
 * dialogs read their pickers (groups, grantable roles, namespaces) when they open (inviteChoicesAction).
 */
export async function UserListActions({ tenant }: { tenant: string }) {
  const actor = await pageActor(tenant);
  const { canInvite, canInviteIntoGroups, isTenantWide } = inviteRights(actor);
  if (!canInvite) return null;
  const dialogProps = { tenant, canInviteIntoGroups, isTenantWide, isSuperAdmin: actor.isSuperAdmin };
  return (
    <div className="flex flex-wrap justify-end gap-2">
      {mayCreateUsers(actor) && <CreateUserDialog {...dialogProps} ssoName={ssoConfig()?.providerName ?? null} />}
      <InviteDialog {...dialogProps} isEmailConfigured={isEmailConfigured()} />
    </div>
  );
}
