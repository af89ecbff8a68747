-- rollups_profile_daily: spend per team × UTC day × usage profile — model, price version, task, data
-- class, the three call traits the policy rules read (lib/policy/event-traits.ts) and the advice stored
-- on the event (rule, severity, suggested model). Applied per batch together with rollups_hourly and
-- rollups_daily (lib/rollups/rollup-sql.ts), rebuilt and reconciled with them.
--
-- Why: the advice page's aggregates and the what-if replay grouped the raw flagged events of their
-- window on every load (13–25 s at 10M events). Their groups are this table's keys, and a day holds
-- one price epoch unless a price version starts or ends inside it (those days are read raw), so both
-- read a few thousand rows instead.
--
-- Most keys are nullable (an unmatched model, no price version, no task, no advice), so the unique key
-- treats NULLs as equal (NULLS NOT DISTINCT, PostgreSQL 15) and serves as the ON CONFLICT target.

CREATE TABLE "rollups_profile_daily" (
    "team_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "model_key" TEXT NOT NULL,
    "model_id" INTEGER,
    "price_version_id" INTEGER,
    "task" "TaskType",
    "data_class" "DataClass",
    "critical_tag" BOOLEAN NOT NULL,
    "latency_sensitive" BOOLEAN NOT NULL,
    "small_output" BOOLEAN NOT NULL,
    "advice_rule" TEXT,
    "advice_severity" "Severity",
    "suggested_model_id" INTEGER,
    "calls" BIGINT NOT NULL DEFAULT 0,
    "input_tokens" BIGINT NOT NULL DEFAULT 0,
    "cache_read_tokens" BIGINT NOT NULL DEFAULT 0,
    "cache_write_tokens" BIGINT NOT NULL DEFAULT 0,
    "output_tokens" BIGINT NOT NULL DEFAULT 0,
    "reasoning_tokens" BIGINT NOT NULL DEFAULT 0,
    "cost" DECIMAL(32,15) NOT NULL DEFAULT 0,
    "unpriced_calls" BIGINT NOT NULL DEFAULT 0,
    "flagged_calls" BIGINT NOT NULL DEFAULT 0,
    "potential_saving" DECIMAL(32,15) NOT NULL DEFAULT 0
);

-- Leading (team_id, day): every reader asks for some teams over a range of days.
CREATE UNIQUE INDEX "rollups_profile_daily_key" ON "rollups_profile_daily"
    ("team_id", "day", "model_key", "model_id", "price_version_id", "task", "data_class", "critical_tag",
     "latency_sensitive", "small_output", "advice_rule", "advice_severity", "suggested_model_id") NULLS NOT DISTINCT;

CREATE INDEX "rollups_profile_daily_day_idx" ON "rollups_profile_daily"("day");

-- Existing events of applied batches (the same aggregation as lib/rollups/rollup-sql.ts).
INSERT INTO "rollups_profile_daily"
SELECT e.team_id, (e.ts AT TIME ZONE 'UTC')::date, coalesce(m.slug, e.model_raw), e.model_id, e.price_version_id,
       e.task, e.data_class,
       coalesce(e.tags->>'critical' = 'true', false),
       (coalesce(e.task = 'realtime', false) OR coalesce(CASE WHEN e.tags->>'latency_budget_ms' ~ '^[0-9]{1,9}$' THEN (e.tags->>'latency_budget_ms')::int < 30000 END, false)),
       (e.output_tokens <= 300 AND e.reasoning_tokens = 0),
       e.advice_rule, e.advice_severity, e.suggested_model_id,
       count(*), sum(e.input_tokens), sum(e.cache_read_tokens), sum(e.cache_write_tokens), sum(e.output_tokens),
       sum(e.reasoning_tokens), coalesce(sum(e.cost), 0), count(*) FILTER (WHERE e.status = 'unpriced'),
       count(*) FILTER (WHERE e.advice_rule IS NOT NULL), coalesce(sum(e.estimated_saving), 0)
  FROM usage_events e
  LEFT JOIN models m ON m.id = e.model_id
 WHERE EXISTS (SELECT 1 FROM ingest_batches b WHERE b.id = e.batch_id AND b.rolled_up_at IS NOT NULL)
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13;
