import { createHash } from 'node:crypto'
import { Prisma, type PrismaClient } from '@prisma/client'
import type pg from 'pg'
import { recordAuditBy } from '@/lib/audit/record-audit'
import type { AuditActor } from '@/lib/audit/types'
import { getPricingSnapshot } from '@/lib/pricing/load-pricing-snapshot'
import { Decimal } from '@/lib/pricing/decimal'
import type { BillFile, BillFormat } from './bill-line'
import { checkCaptureAlerts } from './check-capture-alerts'
import { parseBillFiles, type DailyBillLine } from './parse-bill'

export type ImportBillInput = { format: BillFormat; files: readonly BillFile[]; dryRun: boolean; actor: AuditActor }

export type BillPreviewLine = DailyBillLine & { model: string | null }

export type ImportBillResult = {
  dryRun: boolean
  format: BillFormat
  files: string[]
  importId: number | null
  firstDay: string
  lastDay: string
  /** Lines after folding buckets into days; rawLines as read from the file(s). */
  lines: number
  rawLines: number
  inserted: number
  updated: number
  unchanged: number
  /** Money per provider × currency, in the billed currency (never converted), exact. */
  totals: { provider: string; currency: string; amount: string }[]
  tokens: { provider: string; tokens: string }[]
  unmatchedModels: { provider: string; model: string }[]
  warnings: string[]
  /** The first lines, with the catalog model each matched (null = matches no catalog model). */
  preview: BillPreviewLine[]
  alertsCreated: number
}

const PREVIEW_LINES = 200

type Keyed = DailyBillLine & { modelId: number | null }

const recordset = `jsonb_to_recordset($1::jsonb) AS x(provider text, measure text, day date, line_key text, model_raw text, model_id int,
  token_kind text, currency text, amount numeric, tokens bigint, requests bigint)`
const differs = `(l.model_raw, l.model_id, l.token_kind, l.currency, l.amount, l.tokens, l.requests)
  IS DISTINCT FROM (x.model_raw, x.model_id, x.token_kind, x.currency, x.amount, x.tokens, x.requests)`

function toRecords(lines: readonly Keyed[]): string {
  return JSON.stringify(
    lines.map((l) => ({
      provider: l.provider,
      measure: l.measure,
      day: l.day,
      line_key: l.lineKey,
      model_raw: l.modelRaw,
      model_id: l.modelId,
      token_kind: l.tokenKind,
      currency: l.currency,
      amount: l.amount,
      tokens: l.tokens,
      requests: l.requests,
    })),
  )
}

function summarise(lines: readonly Keyed[]) {
  const money = new Map<string, Decimal>()
  const tokens = new Map<string, bigint>()
  const unmatched = new Map<string, { provider: string; model: string }>()
  for (const l of lines) {
    if (l.amount !== null && l.currency !== null) {
      const k = `${l.provider}\u0000${l.currency}`
      money.set(k, (money.get(k) ?? new Decimal(0)).plus(l.amount))
    }
    if (l.tokens !== null) tokens.set(l.provider, (tokens.get(l.provider) ?? 0n) + BigInt(l.tokens))
    if (l.modelId === null) unmatched.set(`${l.provider}\u0000${l.modelRaw}`, { provider: l.provider, model: l.modelRaw })
  }
  return {
    totals: [...money].map(([k, v]) => {
      const [provider, currency] = k.split('\u0000') as [string, string]
      return { provider, currency, amount: v.toFixed() }
    }),
    tokens: [...tokens].map(([provider, t]) => ({ provider, tokens: t.toString() })),
    unmatchedModels: [...unmatched.values()],
  }
}

/**
 * Loads a provider bill: parse (nothing is written if any line is bad), match each line's model to the
 * catalog, then upsert by provider × measure × day × line key in one transaction. A line equal to the
 * stored one is left alone, so loading the same file twice changes nothing (and records no import);
 * a corrected file replaces exactly the lines it covers. A dry run reports the same counts, writing nothing.
 */
export async function importBill(prisma: PrismaClient, pool: pg.Pool, input: ImportBillInput): Promise<ImportBillResult> {
  const parsed = parseBillFiles(input.format, input.files)
  const { matchModel, models } = await getPricingSnapshot(pool)
  const slugOf = new Map(models.map((m) => [m.id, m.slug]))
  const lines: Keyed[] = parsed.lines.map((l) => ({ ...l, modelId: matchModel(l.modelRaw, l.provider)?.id ?? null }))
  const records = toRecords(lines)
  const days = lines.map((l) => l.day)
  const firstDay = days.reduce((a, b) => (b < a ? b : a))
  const lastDay = days.reduce((a, b) => (b > a ? b : a))
  const files = input.files.map((f) => f.name)

  const outcome = await prisma.$transaction(
    async (tx) => {
      // One import at a time: two uploads of overlapping days must not interleave their upserts.
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext('provider_bill_lines'))`)
      const diff = await tx.$queryRawUnsafe<{ inserted: number; updated: number }[]>(
        `SELECT count(*) FILTER (WHERE l.id IS NULL)::int AS inserted, count(*) FILTER (WHERE l.id IS NOT NULL AND ${differs})::int AS updated
           FROM ${recordset}
           LEFT JOIN provider_bill_lines l ON l.provider = x.provider AND l.measure = x.measure AND l.day = x.day AND l.line_key = x.line_key`,
        records,
      )
      const inserted = diff[0]?.inserted ?? 0
      const updated = diff[0]?.updated ?? 0
      if (input.dryRun || inserted + updated === 0) return { inserted, updated, importId: null }
      const created = await tx.billImport.create({
        data: {
          provider: [...new Set(lines.map((l) => l.provider))].sort().join(','),
          format: input.format,
          fileNames: files,
          sha256: createHash('sha256').update(records).digest('hex'),
          firstDay: new Date(`${firstDay}T00:00:00Z`),
          lastDay: new Date(`${lastDay}T00:00:00Z`),
          lines: lines.length,
          inserted,
          updated,
          unchanged: lines.length - inserted - updated,
          createdById: input.actor.id ?? null,
          createdBy: input.actor.name,
        },
      })
      await tx.$executeRawUnsafe(
        `INSERT INTO provider_bill_lines AS l (provider, measure, day, line_key, model_raw, model_id, token_kind, currency, amount, tokens, requests, import_id)
         SELECT x.provider, x.measure, x.day, x.line_key, x.model_raw, x.model_id, x.token_kind, x.currency, x.amount, x.tokens, x.requests, $2
           FROM ${recordset}
         ON CONFLICT (provider, measure, day, line_key) DO UPDATE
            SET model_raw = EXCLUDED.model_raw, model_id = EXCLUDED.model_id, token_kind = EXCLUDED.token_kind, currency = EXCLUDED.currency,
                amount = EXCLUDED.amount, tokens = EXCLUDED.tokens, requests = EXCLUDED.requests, import_id = EXCLUDED.import_id, updated_at = now()
          WHERE ${differs.replaceAll('x.', 'EXCLUDED.')}`,
        records,
        created.id,
      )
      await recordAuditBy(tx, input.actor, {
        action: 'bill.import',
        entityType: 'bill_import',
        entityId: created.id,
        after: { format: input.format, files, firstDay, lastDay, lines: lines.length, inserted, updated },
      })
      return { inserted, updated, importId: created.id }
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted, timeout: 120_000, maxWait: 10_000 },
  )

  const alertsCreated =
    outcome.importId === null ? 0 : await checkCaptureAlerts(pool, { providers: [...new Set(lines.map((l) => l.provider))], from: firstDay, to: lastDay })
  return {
    dryRun: input.dryRun,
    format: input.format,
    files,
    importId: outcome.importId,
    firstDay,
    lastDay,
    lines: lines.length,
    rawLines: parsed.rawLines,
    inserted: outcome.inserted,
    updated: outcome.updated,
    unchanged: lines.length - outcome.inserted - outcome.updated,
    ...summarise(lines),
    warnings: parsed.warnings,
    preview: lines.slice(0, PREVIEW_LINES).map(({ modelId, ...l }) => ({ ...l, model: modelId === null ? null : (slugOf.get(modelId) ?? null) })),
    alertsCreated,
  }
}
