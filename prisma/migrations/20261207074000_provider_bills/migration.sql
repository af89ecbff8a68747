-- Provider bills (issue 17): what OpenAI, Anthropic or a CSV says was charged, per provider × UTC day ×
-- line key, so reconciliation can set it beside the rollups. A line key names the provider's own grouping
-- (line item, project, model, token type …): re-importing a corrected file upserts by
-- (provider, measure, day, line_key), so it replaces exactly the rows it covers and a repeated file
-- changes nothing. measure: 'cost' (money, in the billed currency, kept as billed) or 'usage' (tokens).

CREATE TABLE "bill_imports" (
    "id" SERIAL NOT NULL,
    "provider" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "file_names" TEXT[] NOT NULL,
    "sha256" TEXT NOT NULL,
    "first_day" DATE NOT NULL,
    "last_day" DATE NOT NULL,
    "lines" INTEGER NOT NULL,
    "inserted" INTEGER NOT NULL,
    "updated" INTEGER NOT NULL,
    "unchanged" INTEGER NOT NULL,
    "created_by_id" INTEGER,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "bill_imports_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "bill_imports_created_at_idx" ON "bill_imports"("created_at");

CREATE TABLE "provider_bill_lines" (
    "id" BIGSERIAL NOT NULL,
    "provider" TEXT NOT NULL,
    "measure" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "line_key" TEXT NOT NULL,
    "model_raw" TEXT NOT NULL,
    "model_id" INTEGER,
    "token_kind" TEXT,
    "currency" TEXT,
    "amount" DECIMAL(38,18),
    "tokens" BIGINT,
    "requests" BIGINT,
    "import_id" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "provider_bill_lines_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "provider_bill_lines_measure_check" CHECK ("measure" IN ('cost', 'usage')),
    CONSTRAINT "provider_bill_lines_amount_check" CHECK (("measure" = 'cost') = ("amount" IS NOT NULL AND "currency" IS NOT NULL))
);
CREATE UNIQUE INDEX "provider_bill_lines_key" ON "provider_bill_lines"("provider", "measure", "day", "line_key");
CREATE INDEX "provider_bill_lines_day_idx" ON "provider_bill_lines"("day", "provider");
ALTER TABLE "provider_bill_lines" ADD CONSTRAINT "provider_bill_lines_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "bill_imports"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "provider_bill_lines" ADD CONSTRAINT "provider_bill_lines_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "models"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- One row: the capture-rate alert threshold and the team whose webhook receives capture alerts.
CREATE TABLE "reconciliation_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "capture_threshold_percent" DECIMAL(5,2) NOT NULL DEFAULT 95,
    "alert_team_id" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "reconciliation_settings_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "reconciliation_settings_single_row" CHECK ("id" = 1),
    CONSTRAINT "reconciliation_settings_threshold_check" CHECK ("capture_threshold_percent" > 0 AND "capture_threshold_percent" <= 100)
);
ALTER TABLE "reconciliation_settings" ADD CONSTRAINT "reconciliation_settings_alert_team_id_fkey" FOREIGN KEY ("alert_team_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TYPE "AlertKind" ADD VALUE 'capture_rate';
