-- Calls that failed (a LiteLLM failure payload): counted as calls, never as spend or as unpriced.
ALTER TYPE "EventStatus" ADD VALUE IF NOT EXISTS 'failed';

-- The cost the sender computed itself (LiteLLM's response_cost), kept beside ModelLedger's own so a
-- stale price on either side shows up as a disagreement. NULL = the sender reported none.
ALTER TABLE "usage_events" ADD COLUMN "reported_cost" DECIMAL(28,15);

-- "Last event received from each source" (api, otlp, litellm, sdk) per team, without a scan.
CREATE INDEX "ingest_batches_team_source_idx" ON "ingest_batches" ("team_id", "source", "received_at" DESC);
