import "server-only";
import type { TenantActor } from "@/lib/iam/authz/actor";
import type { AuditEntry } from "@/lib/iam/audit/write-audit";
import { describeAccess, type ResolvedAccess } from "@/lib/iam/invitations/invitation-access";
import { invitationStatus } from "@/lib/iam/invitations/invitation-status";

// The audit entries of a resend and a revoke, one place for the single actions (create-invitation.ts) and each row of
// the bulk ones (bulk-invitations.ts), so the log reads the same whichever way it was done.

interface AuditedInvitation {
  id: string;
  email: string;
  namespaces: string[];
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  renewalRequestedAt: Date | null;
}

export function resendEntry(actor: TenantActor, invitation: AuditedInvitation, expiresAt: Date): AuditEntry {
  return {
    tenantId: actor.tenantId,
    actor,
    resourceType: "INVITATION",
    resourceId: invitation.id,
    action: "RESEND",
    details: `Resent the invitation to ${invitation.email} with a new link${invitation.renewalRequestedAt ? ", as they asked" : ""}`,
    before: { expiresAt: invitation.expiresAt.toISOString() },
    after: { expiresAt: expiresAt.toISOString() },
    namespaces: invitation.namespaces,
  };
}

export function revokeEntry(actor: TenantActor, invitation: AuditedInvitation, access: ResolvedAccess, now: Date): AuditEntry {
  return {
    tenantId: actor.tenantId,
    actor,
    resourceType: "INVITATION",
    resourceId: invitation.id,
    action: "REVOKE",
    details: `Revoked the invitation to ${invitation.email} (${describeAccess(access)})`,
    before: { status: invitationStatus(invitation, now) },
    after: { status: "REVOKED" },
    namespaces: invitation.namespaces,
  };
}
