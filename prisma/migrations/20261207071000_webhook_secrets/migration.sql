-- Per-team webhook signing secrets (Standard Webhooks). Encrypted with AES-256-GCM under a key derived
-- from WEBHOOK_SECRETS_KEY (HMAC needs the plain secret, so a hash cannot be stored). A rotated-out
-- secret keeps signing until expires_at (the overlap window); the current one has expires_at NULL.
CREATE TABLE "webhook_secrets" (
    "id" SERIAL NOT NULL,
    "team_id" INTEGER NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_secrets_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "webhook_secrets_team_id_idx" ON "webhook_secrets"("team_id");
-- At most one current secret per team: two racing rotations cannot both leave one.
CREATE UNIQUE INDEX "webhook_secrets_current_key" ON "webhook_secrets"("team_id") WHERE "expires_at" IS NULL;

ALTER TABLE "webhook_secrets" ADD CONSTRAINT "webhook_secrets_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;
