-- Multi-factor authentication (docs/rules.md § Two-factor authentication).

-- A second factor of a user: an authenticator app (TOTP, its secret sealed with a key derived from AUTH_SECRET,
-- lib/iam/mfa/secret-box.ts) or a passkey (a WebAuthn credential: its id, public key and signature counter).
-- A factor counts once confirmed_at is set: a TOTP enrolment is confirmed by a first code, a passkey on registration.
CREATE TABLE "second_factors" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "totp_secret" TEXT,
    -- The RFC 6238 time step of the last accepted code: a code of that step or an earlier one is a replay.
    "totp_last_step" BIGINT,
    "credential_id" TEXT,
    "public_key" BYTEA,
    "sign_count" BIGINT NOT NULL DEFAULT 0,
    "transports" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmed_at" TIMESTAMP(3),
    "last_used_at" TIMESTAMP(3),

    CONSTRAINT "second_factors_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "second_factors_kind_check" CHECK ("kind" IN ('TOTP', 'PASSKEY')),
    CONSTRAINT "second_factors_totp_check" CHECK ("kind" <> 'TOTP' OR "totp_secret" IS NOT NULL),
    CONSTRAINT "second_factors_passkey_check" CHECK ("kind" <> 'PASSKEY' OR ("credential_id" IS NOT NULL AND "public_key" IS NOT NULL))
);

CREATE INDEX "second_factors_user_id_idx" ON "second_factors"("user_id");
CREATE UNIQUE INDEX "second_factors_credential_id_key" ON "second_factors"("credential_id");
ALTER TABLE "second_factors" ADD CONSTRAINT "second_factors_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Ten single-use recovery codes per user, of which only the SHA-256 is stored; regenerating replaces them all.
CREATE TABLE "recovery_codes" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "code_hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "used_at" TIMESTAMP(3),

    CONSTRAINT "recovery_codes_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "recovery_codes_user_id_code_hash_key" ON "recovery_codes"("user_id", "code_hash");
ALTER TABLE "recovery_codes" ADD CONSTRAINT "recovery_codes_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Sessions record how they were authenticated (amr: "password", "sso", "totp", "passkey", "recovery_code") and when
-- last (for step-up). second_factor_due_by is set while a sign-in waits for its second step: such a session signs
-- nobody in, and it ends at that time. The WebAuthn challenge of the session's current ceremony is kept with it.
ALTER TABLE "sessions" ADD COLUMN "amr" TEXT[] DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "sessions" ADD COLUMN "authenticated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
UPDATE "sessions" SET "authenticated_at" = "created_at";
ALTER TABLE "sessions" ADD COLUMN "second_factor_due_by" TIMESTAMP(3);
ALTER TABLE "sessions" ADD COLUMN "webauthn_challenge" TEXT;
ALTER TABLE "sessions" ADD COLUMN "webauthn_challenge_expires_at" TIMESTAMP(3);

-- The tenant policy: members must have a second factor (after an optional grace period counted from when the policy
-- was turned on, or from when they joined if later); SSO sign-ins are exempt unless require_mfa_for_sso.
ALTER TABLE "tenants" ADD COLUMN "require_mfa" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "tenants" ADD COLUMN "require_mfa_for_sso" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "tenants" ADD COLUMN "mfa_grace_days" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "tenants" ADD COLUMN "require_mfa_since" TIMESTAMP(3);
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_mfa_grace_days_check" CHECK ("mfa_grace_days" BETWEEN 0 AND 90);

-- An invitation may require a second factor before its access is granted: the invitee's account is then recorded in
-- accepted_by_id while accepted_at stays null (still pending) until they enrol one.
ALTER TABLE "invitations" ADD COLUMN "require_mfa" BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX "invitations_accepted_by_id_idx" ON "invitations"("accepted_by_id");
