import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db/types";

export type ResourceType = "USER" | "GROUP" | "ROLE" | "BINDING" | "NAMESPACE" | "TENANT_ACCESS" | "GROUP_MEMBERSHIP" | "INVITATION" | "SECURITY";
export type AuditAction = "CREATE" | "UPDATE" | "DELETE" | "LOGIN" | "ACCEPT" | "RESEND" | "REVOKE" | "RATE_LIMIT";

export interface AuditEntry {
  tenantId: string | null;
  actor: { id: string; email: string } | null;
  resourceType: ResourceType;
  resourceId: string;
  action: AuditAction;
  details: string;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
  /** What the entry concerns, by the rule of lib/iam/authz/concerns.ts: who besides tenant-wide readers may read it. */
  namespaces: readonly string[];
}

/** Always called with the transaction that makes the change, so the change and its record commit together. */
export async function audit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      tenantId: entry.tenantId,
      actorId: entry.actor?.id ?? null,
      actorEmail: entry.actor?.email ?? "system",
      resourceType: entry.resourceType,
      resourceId: entry.resourceId,
      action: entry.action,
      details: entry.details,
      before: entry.before,
      after: entry.after,
      namespaces: [...entry.namespaces],
    },
  });
}
