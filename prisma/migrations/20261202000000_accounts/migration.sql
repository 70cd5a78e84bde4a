-- Accounts people run on their own (docs/rules.md § Accounts): a password that must be changed before anything
-- else (the first superadmin's generated one, or one an admin set when creating a user directly), and when the
-- password last changed, which the account page shows.

-- AlterTable
ALTER TABLE "users" ADD COLUMN "must_change_password" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "users" ADD COLUMN "password_changed_at" TIMESTAMP(3);
