-- DropForeignKey
ALTER TABLE "bindings" DROP CONSTRAINT "bindings_role_id_fkey";

-- DropForeignKey
ALTER TABLE "invitation_roles" DROP CONSTRAINT "invitation_roles_role_id_fkey";

-- AddForeignKey
ALTER TABLE "bindings" ADD CONSTRAINT "bindings_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "roles"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitation_roles" ADD CONSTRAINT "invitation_roles_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "roles"("id") ON DELETE NO ACTION ON UPDATE CASCADE;
