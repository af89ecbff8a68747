-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'finance', 'team_lead', 'engineer');

-- CreateEnum
CREATE TYPE "Route" AS ENUM ('dense', 'moe', 'reasoning', 'small');

-- CreateEnum
CREATE TYPE "Deployment" AS ENUM ('closed_api', 'open_weights_api', 'local');

-- CreateEnum
CREATE TYPE "PriceSource" AS ENUM ('document', 'manual', 'litellm', 'infrastructure');

-- CreateEnum
CREATE TYPE "EventStatus" AS ENUM ('priced', 'unpriced');

-- CreateEnum
CREATE TYPE "TaskType" AS ENUM ('chat', 'code', 'math', 'reasoning', 'realtime', 'batch', 'summarize', 'extract', 'classify', 'translate', 'embedding', 'other');

-- CreateEnum
CREATE TYPE "DataClass" AS ENUM ('public', 'internal', 'confidential', 'restricted');

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('info', 'saving', 'warning', 'risk');

-- CreateEnum
CREATE TYPE "AlertKind" AS ENUM ('budget_threshold', 'budget_forecast', 'anomaly', 'unpriced_model');

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('pending', 'running', 'done', 'failed');

-- CreateTable
CREATE TABLE "teams" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "teams_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT,
    "role" "Role" NOT NULL,
    "team_id" INTEGER,
    "disabled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" SERIAL NOT NULL,
    "team_id" INTEGER,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "scopes" TEXT[],
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "models" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "family" TEXT NOT NULL,
    "route" "Route" NOT NULL,
    "deployment" "Deployment" NOT NULL,
    "latency_class" TEXT NOT NULL DEFAULT 'standard',
    "parameters" TEXT,
    "ratings" JSONB NOT NULL DEFAULT '{}',
    "notes" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "models_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_aliases" (
    "alias" TEXT NOT NULL,
    "model_id" INTEGER NOT NULL,

    CONSTRAINT "model_aliases_pkey" PRIMARY KEY ("alias")
);

-- CreateTable
CREATE TABLE "price_versions" (
    "id" SERIAL NOT NULL,
    "model_id" INTEGER NOT NULL,
    "effective_from" TIMESTAMPTZ(3) NOT NULL,
    "effective_to" TIMESTAMPTZ(3),
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "input" DECIMAL(20,9) NOT NULL,
    "cache_read" DECIMAL(20,9),
    "cache_write" DECIMAL(20,9),
    "output" DECIMAL(20,9) NOT NULL,
    "reasoning" DECIMAL(20,9),
    "source" "PriceSource" NOT NULL,
    "derived" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "price_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ingest_batches" (
    "id" BIGSERIAL NOT NULL,
    "team_id" INTEGER NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'api',
    "event_count" INTEGER NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rolled_up_at" TIMESTAMPTZ(3),

    CONSTRAINT "ingest_batches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "usage_events" (
    "id" BIGSERIAL NOT NULL,
    "team_id" INTEGER NOT NULL,
    "event_id" TEXT NOT NULL,
    "ts" TIMESTAMPTZ(3) NOT NULL,
    "batch_id" BIGINT NOT NULL,
    "model_raw" TEXT NOT NULL,
    "model_id" INTEGER,
    "provider" TEXT,
    "input_tokens" INTEGER NOT NULL DEFAULT 0,
    "cache_read_tokens" INTEGER NOT NULL DEFAULT 0,
    "cache_write_tokens" INTEGER NOT NULL DEFAULT 0,
    "output_tokens" INTEGER NOT NULL DEFAULT 0,
    "reasoning_tokens" INTEGER NOT NULL DEFAULT 0,
    "cost" DECIMAL(28,15),
    "price_version_id" INTEGER,
    "status" "EventStatus" NOT NULL,
    "task" "TaskType",
    "data_class" "DataClass",
    "latency_ms" INTEGER,
    "tags" JSONB,
    "raw_usage" JSONB,
    "advice_rule" TEXT,
    "advice_severity" "Severity",
    "suggested_model_id" INTEGER,
    "estimated_saving" DECIMAL(28,15),

    CONSTRAINT "usage_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rollups_hourly" (
    "team_id" INTEGER NOT NULL,
    "bucket" TIMESTAMPTZ(0) NOT NULL,
    "model_key" TEXT NOT NULL,
    "model_id" INTEGER,
    "calls" BIGINT NOT NULL DEFAULT 0,
    "input_tokens" BIGINT NOT NULL DEFAULT 0,
    "cache_read_tokens" BIGINT NOT NULL DEFAULT 0,
    "cache_write_tokens" BIGINT NOT NULL DEFAULT 0,
    "output_tokens" BIGINT NOT NULL DEFAULT 0,
    "reasoning_tokens" BIGINT NOT NULL DEFAULT 0,
    "cost" DECIMAL(32,15) NOT NULL DEFAULT 0,
    "unpriced_calls" BIGINT NOT NULL DEFAULT 0,
    "flagged_calls" BIGINT NOT NULL DEFAULT 0,
    "potential_saving" DECIMAL(32,15) NOT NULL DEFAULT 0,

    CONSTRAINT "rollups_hourly_pkey" PRIMARY KEY ("team_id","bucket","model_key")
);

-- CreateTable
CREATE TABLE "rollups_daily" (
    "team_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "model_key" TEXT NOT NULL,
    "model_id" INTEGER,
    "calls" BIGINT NOT NULL DEFAULT 0,
    "input_tokens" BIGINT NOT NULL DEFAULT 0,
    "cache_read_tokens" BIGINT NOT NULL DEFAULT 0,
    "cache_write_tokens" BIGINT NOT NULL DEFAULT 0,
    "output_tokens" BIGINT NOT NULL DEFAULT 0,
    "reasoning_tokens" BIGINT NOT NULL DEFAULT 0,
    "cost" DECIMAL(32,15) NOT NULL DEFAULT 0,
    "unpriced_calls" BIGINT NOT NULL DEFAULT 0,
    "flagged_calls" BIGINT NOT NULL DEFAULT 0,
    "potential_saving" DECIMAL(32,15) NOT NULL DEFAULT 0,

    CONSTRAINT "rollups_daily_pkey" PRIMARY KEY ("team_id","day","model_key")
);

-- CreateTable
CREATE TABLE "team_policies" (
    "id" SERIAL NOT NULL,
    "team_id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "allowed_models" TEXT[],
    "blocked_models" TEXT[],
    "local_data_classes" "DataClass"[],
    "default_models" JSONB NOT NULL DEFAULT '{}',
    "max_price_per_1k" DECIMAL(20,9),
    "monthly_budget" DECIMAL(20,2),
    "alert_thresholds" INTEGER[] DEFAULT ARRAY[50, 80, 100]::INTEGER[],
    "webhook_url" TEXT,
    "critical" BOOLEAN NOT NULL DEFAULT false,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "team_policies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alerts" (
    "id" SERIAL NOT NULL,
    "team_id" INTEGER NOT NULL,
    "kind" "AlertKind" NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "actor_id" INTEGER,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT,
    "team_id" INTEGER,
    "before" JSONB,
    "after" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "month_closes" (
    "id" SERIAL NOT NULL,
    "team_id" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "statement" JSONB NOT NULL,
    "total_cost" DECIMAL(32,15) NOT NULL,
    "unpriced_calls" BIGINT NOT NULL,
    "closed_by_id" INTEGER,
    "closed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "month_closes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reprice_runs" (
    "id" SERIAL NOT NULL,
    "from_ts" TIMESTAMPTZ(3) NOT NULL,
    "to_ts" TIMESTAMPTZ(3) NOT NULL,
    "model_id" INTEGER,
    "dry_run" BOOLEAN NOT NULL,
    "status" "JobStatus" NOT NULL DEFAULT 'pending',
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "cursor" BIGINT,
    "result" JSONB,
    "error" TEXT,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "reprice_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "teams_slug_key" ON "teams"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "users_team_id_idx" ON "users"("team_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_prefix_key" ON "api_keys"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_hash_key" ON "api_keys"("hash");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_team_id_name_key" ON "api_keys"("team_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "models_slug_key" ON "models"("slug");

-- CreateIndex
CREATE INDEX "model_aliases_model_id_idx" ON "model_aliases"("model_id");

-- CreateIndex
CREATE UNIQUE INDEX "price_versions_model_id_effective_from_key" ON "price_versions"("model_id", "effective_from");

-- CreateIndex
CREATE INDEX "ingest_batches_pending_idx" ON "ingest_batches"("received_at");

-- CreateIndex
CREATE INDEX "usage_events_team_id_ts_idx" ON "usage_events"("team_id", "ts");

-- CreateIndex
CREATE INDEX "usage_events_batch_id_idx" ON "usage_events"("batch_id");

-- CreateIndex
CREATE INDEX "usage_events_status_model_raw_idx" ON "usage_events"("status", "model_raw");

-- CreateIndex
CREATE UNIQUE INDEX "usage_events_team_id_event_id_key" ON "usage_events"("team_id", "event_id");

-- CreateIndex
CREATE INDEX "rollups_hourly_bucket_idx" ON "rollups_hourly"("bucket");

-- CreateIndex
CREATE INDEX "rollups_daily_day_idx" ON "rollups_daily"("day");

-- CreateIndex
CREATE UNIQUE INDEX "team_policies_team_id_version_key" ON "team_policies"("team_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "alerts_dedupe_key_key" ON "alerts"("dedupe_key");

-- CreateIndex
CREATE INDEX "alerts_team_id_created_at_idx" ON "alerts"("team_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_log_created_at_idx" ON "audit_log"("created_at");

-- CreateIndex
CREATE INDEX "audit_log_team_id_created_at_idx" ON "audit_log"("team_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "month_closes_team_id_month_key" ON "month_closes"("team_id", "month");

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_aliases" ADD CONSTRAINT "model_aliases_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "models"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "price_versions" ADD CONSTRAINT "price_versions_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "models"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "team_policies" ADD CONSTRAINT "team_policies_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "month_closes" ADD CONSTRAINT "month_closes_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;
