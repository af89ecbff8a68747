-- The Connect page asks, per team and source, for the newest batch: one index probe each
-- (ingest_batches is never pruned, so a scan would grow with every batch ever received).
CREATE INDEX "ingest_batches_team_source_idx" ON "ingest_batches"("team_id", "source", "received_at" DESC);
