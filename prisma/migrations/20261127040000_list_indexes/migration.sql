-- CreateIndex
CREATE INDEX "bindings_group_id_idx" ON "bindings"("group_id");

-- CreateIndex
CREATE INDEX "bindings_user_id_idx" ON "bindings"("user_id");

-- CreateIndex
CREATE INDEX "invitations_tenant_id_email_prefix_idx" ON "invitations"("tenant_id", "email" text_pattern_ops);
