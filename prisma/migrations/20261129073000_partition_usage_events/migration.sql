-- usage_events becomes a table partitioned by month on ts (PARTITION BY RANGE), with the rows it holds.
--
-- Why: retention becomes "drop a month" (no DELETE of millions of rows, no bloat), time-bounded queries
-- read only the months they touch, and each month's indexes stay the size of one month.
--
-- Shape:
--   * partitions are named usage_events_pYYYYMM and hold [first of the month, first of the next month) in
--     UTC. ensure_usage_event_partitions(from_month, to_month) below creates missing ones (idempotent);
--     the maintenance job keeps the current month and the next 3 in place and drops months older than
--     USAGE_RETENTION_MONTHS (rollups are kept; see lib/partitions).
--   * the primary key becomes (id, ts): a unique index on a partitioned table must contain the partition
--     key. ids keep coming from the same sequence (usage_events_id_seq), so existing ids stay unique and
--     new ones continue after them.
--   * idempotency per (team_id, event_id) cannot be a unique index here any more (it would have to include
--     ts, and a re-sent event may carry another ts). It moves to usage_event_keys, one row per stored
--     event with PRIMARY KEY (team_id, event_id): the ingest statement inserts the keys with
--     ON CONFLICT DO NOTHING and then only the events whose key it inserted (lib/ingest/insert-usage-batch.ts).
--     The key keeps the event's ts, so retention can prune keys together with their months.
--
-- No DEFAULT partition, on purpose:
--   * live ingest only accepts events from now − INGEST_MAX_AGE_DAYS (35 by default) to now + 5 minutes;
--     the daily job creates months ahead, and every month back to the retention cutoff was created while
--     it was current. Older writes (the demo seed backfills 60 days, tests and the bench write fixed past
--     dates, an operator may raise INGEST_MAX_AGE_DAYS) go through insertUsageBatch, which creates a
--     missing month on demand (this function: serialised, idempotent) and retries the batch once.
--   * a DEFAULT partition would make each later partition creation scan it under lock, and fail as soon
--     as it held a row of the new month; its rows would never leave by retention (it is not a month);
--     and it forbids DETACH PARTITION … CONCURRENTLY, which retention uses so that dropping a month never
--     takes a lock that blocks ingest.
--
-- Indexes (per partition; each justified by the queries that read usage_events):
--   * usage_events_pkey (id, ts): the re-price cursor (run-reprice-chunked: ts window, id > cursor
--     ORDER BY id LIMIT n) and the UPDATE … WHERE u.id = … AND u.ts = … joins of re-pricing and
--     price-unpriced (with ts, each row is looked up in its own month only).
--   * (team_id, ts): every per-team time window — flagged calls (team page, ORDER BY ts DESC LIMIT),
--     advised calls, the advice and what-if aggregates, price-unpriced's team-days, the FOCUS export
--     for given teams, the seed's "already present" check. No separate partial index for flagged calls:
--     in the demo mix 58 % of calls carry advice, so this index with a filter reads under 2× the rows
--     a LIMIT needs, and a second index would be paid on every insert.
--   * (batch_id): the exactly-once rollup of one batch (apply-batch-rollup: WHERE e.batch_id = $1) and
--     month close's pending-batch check. batch ids grow with time, so inserts append at the right edge.
--   * BRIN (ts): time windows over all teams that cover part of a month — the hourly reconcile of the last
--     48 h, rollup rebuilds, re-price counts and dry runs. Rows arrive roughly in ts order, so a BRIN
--     index of a few pages replaces a scan of the whole month. Whole-month reads (FOCUS export, month
--     close) are pruned to their partition and scan it.
--   * partial (model_id, model_raw, provider) WHERE status = 'unpriced': the every-5-minutes
--     price-unpriced job ("model strings stored without a match", "unpriced events a price now covers").
--     Only unpriced rows are in it (about 5 % in the demo), unlike the old (status, model_raw) index,
--     which held every row; with model_id leading, "model_id IS NULL … GROUP BY model_raw, provider" is
--     an index-only scan.
--   The old UNIQUE (team_id, event_id) is gone: nothing reads an event by its client id except ingest,
--   which now asks usage_event_keys.
--
-- Existing rows: the old table is renamed, the partitioned table created, every month that has rows (and
-- the current month and the next 3) created, the rows copied in one INSERT … SELECT (ids unchanged), the
-- old table dropped and the indexes built after the copy (faster than maintaining them row by row). All
-- of it runs in the migration's single transaction (prisma.config.ts sends a migration as one script).
-- Prisma ignores the partitions and the partial index: `prisma migrate diff` from the migrations to
-- schema.prisma is empty.

-- 1. The old table steps aside; its sequence is kept for the new table.
ALTER TABLE "usage_events" RENAME TO "usage_events_unpartitioned";
ALTER SEQUENCE "usage_events_id_seq" OWNED BY NONE;

-- 2. The partitioned table: same columns, same order, same defaults. Keys and indexes come after the copy.
CREATE TABLE "usage_events" (
    "id" BIGINT NOT NULL DEFAULT nextval('usage_events_id_seq'::regclass),
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
    "estimated_saving" DECIMAL(28,15)
) PARTITION BY RANGE ("ts");
ALTER SEQUENCE "usage_events_id_seq" OWNED BY "usage_events"."id";

-- 3. Idempotency keys: one per stored event, (team_id, event_id) unique across all months.
CREATE TABLE "usage_event_keys" (
    "team_id" INTEGER NOT NULL,
    "event_id" TEXT NOT NULL,
    "ts" TIMESTAMPTZ(3) NOT NULL
);

-- Months whose raw events retention dropped. Rollups of those months are kept and become the only record:
-- reconcile and rollup rebuilds never touch days before the newest month listed here, since a GROUP BY
-- over raw events that are gone would "repair" spend history to zero.
CREATE TABLE "usage_event_dropped_months" (
    "month" DATE NOT NULL,
    "partition" TEXT NOT NULL,
    "dropped_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "usage_event_dropped_months_pkey" PRIMARY KEY ("month")
);

-- 4. Creates the monthly partitions [from_month, to_month] (both truncated to their UTC month) that do not
-- exist yet and returns the names it created. Idempotent and safe to call concurrently: callers serialise
-- on an advisory lock for the rest of their transaction. A new month is created as a plain table and then
-- attached: ATTACH PARTITION takes SHARE UPDATE EXCLUSIVE on usage_events, which does not block ingest
-- or readers (CREATE TABLE … PARTITION OF would take ACCESS EXCLUSIVE and queue behind every running
-- query, and every new insert behind it). Attaching builds the partitioned indexes on the empty table.
CREATE FUNCTION ensure_usage_event_partitions(from_month date, to_month date)
RETURNS SETOF text
LANGUAGE plpgsql
AS $$
DECLARE
  month date;
  last_month date;
  part text;
  lo text;
  hi text;
BEGIN
  IF from_month IS NULL OR to_month IS NULL THEN
    RAISE EXCEPTION 'ensure_usage_event_partitions: from_month and to_month are required';
  END IF;
  month := date_trunc('month', from_month)::date;
  last_month := date_trunc('month', to_month)::date;
  IF last_month < month THEN
    RAISE EXCEPTION 'ensure_usage_event_partitions: to_month % is before from_month %', to_month, from_month;
  END IF;
  IF last_month > (month + interval '20 years')::date THEN
    RAISE EXCEPTION 'ensure_usage_event_partitions: % to % is more than 20 years of months', from_month, to_month;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('ensure_usage_event_partitions'));
  WHILE month <= last_month LOOP
    part := 'usage_events_p' || to_char(month, 'YYYYMM');
    IF to_regclass(quote_ident(part)) IS NULL THEN
      -- Bounds as UTC literals with an explicit offset: independent of the session's TimeZone.
      lo := to_char(month, 'YYYY-MM-DD') || ' 00:00:00+00';
      hi := to_char((month + interval '1 month')::date, 'YYYY-MM-DD') || ' 00:00:00+00';
      EXECUTE format('CREATE TABLE %I (LIKE usage_events INCLUDING DEFAULTS INCLUDING STORAGE INCLUDING COMPRESSION)', part);
      EXECUTE format('ALTER TABLE usage_events ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
      RETURN NEXT part;
    ELSIF NOT EXISTS (
      SELECT 1 FROM pg_inherits i
       WHERE i.inhrelid = to_regclass(quote_ident(part)) AND i.inhparent = 'usage_events'::regclass AND NOT i.inhdetachpending
    ) THEN
      -- Left by an interrupted retention run (detached, not yet dropped) or made by hand: never guess.
      RAISE EXCEPTION 'ensure_usage_event_partitions: table % exists but is not an attached partition of usage_events', part;
    END IF;
    month := (month + interval '1 month')::date;
  END LOOP;
END
$$;

-- 5. Every month that holds rows, and the current month and the next 3.
SELECT count(*) FROM (
  SELECT ensure_usage_event_partitions(m, m)
    FROM (SELECT DISTINCT date_trunc('month', "ts" AT TIME ZONE 'UTC')::date AS m FROM "usage_events_unpartitioned") months
) existing;
SELECT count(*) FROM ensure_usage_event_partitions((now() AT TIME ZONE 'UTC')::date, ((now() AT TIME ZONE 'UTC') + interval '3 months')::date);

-- 6. The rows, ids unchanged; then their keys (in ts order, which the BRIN index on keys likes).
INSERT INTO "usage_events" (
    "id", "team_id", "event_id", "ts", "batch_id", "model_raw", "model_id", "provider",
    "input_tokens", "cache_read_tokens", "cache_write_tokens", "output_tokens", "reasoning_tokens",
    "cost", "price_version_id", "status", "task", "data_class", "latency_ms", "tags", "raw_usage",
    "advice_rule", "advice_severity", "suggested_model_id", "estimated_saving")
SELECT "id", "team_id", "event_id", "ts", "batch_id", "model_raw", "model_id", "provider",
       "input_tokens", "cache_read_tokens", "cache_write_tokens", "output_tokens", "reasoning_tokens",
       "cost", "price_version_id", "status", "task", "data_class", "latency_ms", "tags", "raw_usage",
       "advice_rule", "advice_severity", "suggested_model_id", "estimated_saving"
  FROM "usage_events_unpartitioned";

INSERT INTO "usage_event_keys" ("team_id", "event_id", "ts")
SELECT "team_id", "event_id", "ts" FROM "usage_events_unpartitioned" ORDER BY "ts";

DROP TABLE "usage_events_unpartitioned";

-- 7. Keys and indexes (justified in the header).
ALTER TABLE "usage_events" ADD CONSTRAINT "usage_events_pkey" PRIMARY KEY ("id", "ts");
CREATE INDEX "usage_events_team_id_ts_idx" ON "usage_events"("team_id", "ts");
CREATE INDEX "usage_events_batch_id_idx" ON "usage_events"("batch_id");
CREATE INDEX "usage_events_ts_idx" ON "usage_events" USING BRIN ("ts");
CREATE INDEX "usage_events_unpriced_idx" ON "usage_events"("model_id", "model_raw", "provider") WHERE "status" = 'unpriced';

-- (team_id, event_id): the idempotency check itself. BRIN (ts): retention prunes keys older than the
-- cutoff once a day; keys arrive roughly in ts order, so a tiny BRIN index finds them without a second
-- B-tree paid on every insert.
ALTER TABLE "usage_event_keys" ADD CONSTRAINT "usage_event_keys_pkey" PRIMARY KEY ("team_id", "event_id");
CREATE INDEX "usage_event_keys_ts_idx" ON "usage_event_keys" USING BRIN ("ts");

ANALYZE "usage_events";
ANALYZE "usage_event_keys";
