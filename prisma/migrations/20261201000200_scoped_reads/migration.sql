-- Reads scoped like writes: an audit entry and an invitation carry the namespaces they concern (lib/iam/concerns.ts),
-- and a reader whose READ grants are on namespaces only sees the rows whose namespaces they all cover. Empty means
-- tenant-wide, which only a tenant-wide reader sees: the safe value for anything whose reach is not known.

-- AlterTable
ALTER TABLE "audit_logs" ADD COLUMN "namespaces" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "invitations" ADD COLUMN "namespaces" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- Prisma declares list columns nullable, but cannot read a row whose list is NULL or holds a NULL: a raw writer's
-- mistake would break the audit log rather than widen it. Refused outright.
ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_namespaces_check" CHECK ("namespaces" IS NOT NULL AND array_position("namespaces", NULL) IS NULL);
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_namespaces_check" CHECK ("namespaces" IS NOT NULL AND array_position("namespaces", NULL) IS NULL);

-- Existing audit entries stay tenant-wide (the column's default): what each one concerned was not recorded.
-- Existing invitations get what they grant, by the rule of concerns.ts: the namespaces of their one role, unless
-- that role is tenant-wide, they grant groups or superadmin (then tenant-wide, as is anything else).
UPDATE "invitations" AS i
SET "namespaces" = ARRAY(SELECT DISTINCT name FROM unnest(r."namespaces") AS name ORDER BY name)
FROM "invitation_roles" AS r
WHERE r."invitation_id" = i."id"
  AND cardinality(r."namespaces") > 0
  AND NOT i."super_admin"
  AND NOT EXISTS (SELECT 1 FROM "invitation_groups" AS g WHERE g."invitation_id" = i."id")
  AND (SELECT count(*) FROM "invitation_roles" AS other WHERE other."invitation_id" = i."id") = 1;

-- A namespace-scoped reader's pages walk these, newest first, past none of the tenant-wide rows they never see.
-- Partial indexes, which schema.prisma cannot declare (test/schema-drift.ts lists them).

-- CreateIndex
CREATE INDEX "audit_logs_namespaced_idx" ON "audit_logs"("tenant_id", "created_at", "id") WHERE cardinality("namespaces") > 0;

-- CreateIndex
CREATE INDEX "invitations_namespaced_idx" ON "invitations"("tenant_id", "created_at", "id") WHERE cardinality("namespaces") > 0;
