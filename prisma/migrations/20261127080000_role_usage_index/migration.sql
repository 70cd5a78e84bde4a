-- A role's page lists the first 50 places it is used, in the order users, groups, oldest first; a managed role may be
-- bound to every user of a large tenant (100,000 bindings). With role_id alone every page view sorted all of them;
-- this index hands out the first 50 in order and still serves the foreign key and role_id look-ups.

-- DropIndex
DROP INDEX "bindings_role_id_idx";

-- CreateIndex
CREATE INDEX "bindings_role_id_type_created_at_id_idx" ON "bindings"("role_id", "type", "created_at", "id");
