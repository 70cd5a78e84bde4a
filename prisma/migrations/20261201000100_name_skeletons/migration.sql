-- Look-alike keys of group and role names (lib/iam/name-keys.ts): "Ｍain Admins" or a Cyrillic "Ѕрасе Орѕ" has the
-- keys of "Main Admins" or "Space Ops", and each key is unique in a tenant, so the database itself refuses the second
-- of two look-alikes, even when two requests create them at the same moment.
--
-- The columns are nullable because SQL cannot compute them: the keys come from Unicode's confusables data, which
-- lives in the application. Existing rows get theirs at the next start (prisma/seed.ts runs rekeyNames() before the
-- app serves a request), and every write of the application sets them. NULLs are distinct in a unique index, so a row
-- without keys (written before this migration, or by hand in SQL) blocks nothing until it is keyed; until then the
-- application still refuses the same name in another case, as it did before.

-- AlterTable
ALTER TABLE "groups" ADD COLUMN "name_key" TEXT,
ADD COLUMN "name_skeleton" TEXT;

-- AlterTable
ALTER TABLE "roles" ADD COLUMN "name_key" TEXT,
ADD COLUMN "name_skeleton" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "groups_tenant_id_name_key_key" ON "groups"("tenant_id", "name_key");

-- CreateIndex
CREATE UNIQUE INDEX "groups_tenant_id_name_skeleton_key" ON "groups"("tenant_id", "name_skeleton");

-- CreateIndex
CREATE UNIQUE INDEX "roles_tenant_id_name_key_key" ON "roles"("tenant_id", "name_key");

-- CreateIndex
CREATE UNIQUE INDEX "roles_tenant_id_name_skeleton_key" ON "roles"("tenant_id", "name_skeleton");
