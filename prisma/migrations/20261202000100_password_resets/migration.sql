-- Password resets (docs/rules.md § Password resets): a single-use link per request, of which only the token's
-- SHA-256 is stored, as for invitations. A newer request supersedes the open ones of the same user.
CREATE TABLE "password_resets" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "requested_by_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "used_at" TIMESTAMP(3),
    "superseded_at" TIMESTAMP(3),

    CONSTRAINT "password_resets_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "password_resets_token_hash_key" ON "password_resets"("token_hash");

-- CreateIndex
CREATE INDEX "password_resets_user_id_idx" ON "password_resets"("user_id");

-- AddForeignKey
ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The outbox now carries account emails too: a reset link (tied to its reset, so a superseded or used one is never
-- sent) or a notice tied to nothing (a password changed, "sign in with SSO").
ALTER TABLE "email_outbox" ALTER COLUMN "invitation_id" DROP NOT NULL;
ALTER TABLE "email_outbox" ADD COLUMN "password_reset_id" UUID;

-- CreateIndex
CREATE INDEX "email_outbox_password_reset_id_idx" ON "email_outbox"("password_reset_id");

-- AddForeignKey
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_password_reset_id_fkey" FOREIGN KEY ("password_reset_id") REFERENCES "password_resets"("id") ON DELETE CASCADE ON UPDATE CASCADE;
