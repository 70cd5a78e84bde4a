import "server-only";
import { db } from "@/lib/db/client";

export async function listInvitations(tenantId: string, limit = 25) {
  return db().invitation.findMany({
    where: { tenantId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    include: { invitedBy: { select: { email: true } } },
  });
}
