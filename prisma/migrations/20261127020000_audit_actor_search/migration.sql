-- CreateIndex
CREATE INDEX "audit_logs_tenant_id_actor_email_idx" ON "audit_logs"("tenant_id", "actor_email" text_pattern_ops);
