import "server-only";
import type { Tx } from "@/lib/db/types";
import { loadPrincipal } from "@/lib/iam/authz/grants";
import { mayResendInvitation, type ResolvedAccess } from "@/lib/iam/invitations/invitation-access";
import { displayName } from "@/lib/iam/users/display-name";

/** At most this many admins are told when the inviter cannot be: enough to reach someone, too few to spam a tenant. */
export const MAX_RENEWAL_RECIPIENTS = 5;
/** Admins looked at to find them; a few may be unable to resend this one (a superadmin invitation, say). */
const CANDIDATES = 20;

export interface RenewalRecipient {
  id: string;
  email: string;
  name: string;
  isInviter: boolean;
}

interface Person {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
}

/**
 * Whom a renewal request is sent to (docs/rules.md § Invitations 14): the inviter, when they still exist, still belong
 * to the tenant (or are a superadmin, who may open every tenant) and may resend the invitation today; otherwise up to
 * MAX_RENEWAL_RECIPIENTS members of the tenant, by email, who hold INVITATION:UPDATE tenant-wide (directly or through
 * a group) or are superadmins, and may resend it. Possibly nobody: the request still shows on the Invitations tab.
 */
export async function renewalRecipients(
  tx: Tx,
  invitation: { tenantId: string; invitedById: string | null; namespaces: string[] },
  access: ResolvedAccess,
): Promise<RenewalRecipient[]> {
  const { tenantId } = invitation;
  const mayResend = async (person: Person) => {
    const principal = await loadPrincipal(tx, person.id, tenantId);
    return !!principal && !principal.isDisabled && mayResendInvitation(principal, tenantId, invitation.namespaces, access);
  };
  if (invitation.invitedById) {
    const inviter = await tx.user.findFirst({
      where: { id: invitation.invitedById, OR: [{ superAdmin: true }, { accesses: { some: { tenantId } } }] },
      select: { id: true, email: true, firstName: true, lastName: true },
    });
    if (inviter && (await mayResend(inviter))) return [{ id: inviter.id, email: inviter.email, name: displayName(inviter), isInviter: true }];
  }
  // Tenant-wide INVITATION:UPDATE as SQL over the roles' permission sets (lib/iam/authz/engine.ts decides the rest).
  const candidates = await tx.$queryRaw<Person[]>`
    SELECT u.id, u.email, u.first_name AS "firstName", u.last_name AS "lastName"
    FROM users u JOIN tenant_access a ON a.user_id = u.id AND a.tenant_id = ${tenantId}
    WHERE NOT u.disabled AND (u.super_admin OR EXISTS (
      SELECT 1 FROM bindings b JOIN roles r ON r.id = b.role_id
      WHERE b.tenant_id = ${tenantId} AND b.namespace IS NULL AND r.permissions -> 'INVITATION' @> '"UPDATE"'::jsonb
        AND (b.user_id = u.id OR b.group_id IN (SELECT gm.group_id FROM group_memberships gm WHERE gm.user_id = u.id))))
    ORDER BY u.email
    LIMIT ${CANDIDATES}`;
  const recipients: RenewalRecipient[] = [];
  for (const person of candidates) {
    if (recipients.length === MAX_RENEWAL_RECIPIENTS) break;
    if (await mayResend(person)) recipients.push({ id: person.id, email: person.email, name: displayName(person), isInviter: false });
  }
  return recipients;
}
