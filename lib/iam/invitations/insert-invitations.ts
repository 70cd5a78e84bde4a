import "server-only";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { sqlTimestamp as utc } from "@/lib/db/sql-timestamp";
import type { Tx } from "@/lib/db/types";
import type { ResolvedAccess } from "@/lib/iam/invitations/invitation-access";
import { auditAll } from "@/lib/iam/audit/write-audit";
import { accessConcerns } from "@/lib/iam/authz/concerns";
import type { Delivery, DeliveryOutcome } from "@/lib/iam/invitations/invitation-delivery";
import { hashToken } from "@/lib/iam/invitations/invitation-tokens";

// New invitations, any number at once, as set-based INSERTs over unnest(): one statement per table. Prisma's
// createMany spends about 0.3 ms of JavaScript per row (more while cold), which alone took seconds of a 500-address
// invite on a busy machine; these take milliseconds. Timestamps come from JavaScript in UTC, as Prisma writes them.

/** The invitations (token hash only), the access each grants, and an INVITATION/CREATE audit entry for each (auditAll). */
export async function insertInvitations(
  tx: Tx,
  actor: TenantActor,
  created: Delivery[],
  access: ResolvedAccess,
  delivery: DeliveryOutcome,
  { requireMfa = false }: { requireMfa?: boolean } = {},
): Promise<void> {
  const now = utc(new Date());
  const ids = created.map((invitation) => invitation.invitationId);
  // Who may read them and their entries besides tenant-wide readers: one value, as they all grant the same access.
  const namespaces = [...accessConcerns(access)];
  await tx.$executeRaw`
    INSERT INTO invitations (id, tenant_id, email, token_hash, super_admin, invited_by_id, created_at, sent_at, expires_at, delivery_status, namespaces, require_mfa)
    SELECT id, ${actor.tenantId}::text, email, token_hash, ${access.superAdmin}::boolean, ${actor.id}::uuid, ${now}::timestamp(3), ${now}::timestamp(3),
           expires_at, ${delivery}::"DeliveryStatus", ${namespaces}::text[], ${requireMfa}::boolean
    FROM unnest(
      ${ids}::uuid[],
      ${created.map((invitation) => invitation.email)}::text[],
      ${created.map((invitation) => hashToken(invitation.token))}::text[],
      ${created.map((invitation) => utc(invitation.expiresAt))}::timestamp(3)[]
    ) AS invitation(id, email, token_hash, expires_at)`;
  if (access.groups.length) {
    await tx.$executeRaw`
      INSERT INTO invitation_groups (invitation_id, group_id)
      SELECT invitation_id, group_id FROM unnest(${ids}::uuid[]) AS invitation_id CROSS JOIN unnest(${access.groups.map((group) => group.id)}::uuid[]) AS group_id`;
  }
  if (access.role) {
    await tx.$executeRaw`
      INSERT INTO invitation_roles (invitation_id, role_id, namespaces)
      SELECT invitation_id, ${access.role.id}::uuid, ${access.role.namespaces}::text[] FROM unnest(${ids}::uuid[]) AS invitation_id`;
  }
  await auditAll(
    tx,
    created.map((invitation) => ({
      tenantId: actor.tenantId,
      actor,
      resourceType: "INVITATION",
      resourceId: invitation.invitationId,
      action: "CREATE",
      details: `Invited ${invitation.email}: ${invitation.accessSummary}${requireMfa ? " (two-factor authentication required)" : ""}`,
      after: { email: invitation.email, access: invitation.accessSummary, expiresAt: invitation.expiresAt.toISOString(), ...(requireMfa ? { requireMfa } : {}) },
      namespaces,
    })),
  );
}
