-- "Ask for a new link" on an expired invitation, and the message for a link a resend replaced
-- (docs/rules.md § Invitations 14 and 15).

-- When the invitee last asked for a new link; a resend clears it.
ALTER TABLE "invitations" ADD COLUMN "renewal_requested_at" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "invitations_tenant_id_renewal_requested_at_idx" ON "invitations"("tenant_id", "renewal_requested_at");

-- The SHA-256 of each link a resend replaced (never the token), so that the old link can say a newer one was sent.
CREATE TABLE "replaced_invitation_tokens" (
    "token_hash" TEXT NOT NULL,
    "invitation_id" UUID NOT NULL,
    "replaced_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "replaced_invitation_tokens_pkey" PRIMARY KEY ("token_hash")
);

-- CreateIndex
CREATE INDEX "replaced_invitation_tokens_invitation_id_idx" ON "replaced_invitation_tokens"("invitation_id");

-- AddForeignKey
ALTER TABLE "replaced_invitation_tokens" ADD CONSTRAINT "replaced_invitation_tokens_invitation_id_fkey" FOREIGN KEY ("invitation_id") REFERENCES "invitations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
