import { pageActor } from "@/lib/auth/tenant-actor";
import { isEmailConfigured } from "@/lib/email/resend";
import { inviteRights } from "@/lib/iam/invitations/invite-choices";
import { LazyInviteDialog as InviteDialog } from "./invite-dialog-lazy";

/**
 * The Users tab's "Invite" button, for whoever may invite somewhere in the tenant. No query here: the dialog reads its
 * pickers (groups, grantable roles, namespaces) when it opens (inviteChoicesAction).
 */
export async function InviteButton({ tenant }: { tenant: string }) {
  const actor = await pageActor(tenant);
  const { canInvite, canInviteIntoGroups, isTenantWide } = inviteRights(actor);
  if (!canInvite) return null;
  return (
    <div className="flex justify-end">
      <InviteDialog
        tenant={tenant}
        canInviteIntoGroups={canInviteIntoGroups}
        isTenantWide={isTenantWide}
        isSuperAdmin={actor.isSuperAdmin}
        isEmailConfigured={isEmailConfigured()}
      />
    </div>
  );
}
