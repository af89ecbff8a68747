import type { PrismaClient } from '@prisma/client'
import type pg from 'pg'
import type { AuditActor } from '@/lib/audit/types'
import { AppError } from '@/lib/errors'
import { addPriceVersion } from '@/lib/pricing/add-price-version'
import { Decimal } from '@/lib/pricing/decimal'
import { startReprice } from '@/lib/pricing/reprice/start-reprice'
import { queryReconciliation } from './query-reconciliation'

const buckets = ['input', 'cacheRead', 'cacheWrite', 'output', 'reasoning'] as const
type Bucket = (typeof buckets)[number]
type Rates = Record<Bucket, string | null>

export type PriceDriftKey = { provider: string; date: string; model: string }

export type PriceDriftProposal = PriceDriftKey & {
  modelId: number
  billedUsd: string
  trackedUsd: string
  /** billed ÷ tracked: every rate of the version in force is scaled by it. */
  factor: string
  current: { id: number; effectiveFrom: string } & Rates
  implied: Rates
  /** The new version starts at the beginning of the drift day (UTC). */
  effectiveFrom: string
}

/**
 * The price a bill implies where tokens matched but money did not: the version in force on that day,
 * every rate scaled by billed ÷ tracked (rounded to the 9 decimals a price keeps). Computed again from the
 * stored numbers each time — a form never carries rates a person did not see.
 */
export async function proposePriceDrift(pool: pg.Pool, key: PriceDriftKey): Promise<PriceDriftProposal> {
  const { rows } = await queryReconciliation(pool, { from: key.date, to: key.date, provider: key.provider })
  const row = rows.find((r) => r.model === key.model)
  if (!row) throw new AppError('not_found', `nothing billed or tracked for ${key.provider} ${key.model} on ${key.date}`)
  const factor = row.explanation.kind === 'price_drift' ? row.explanation.priceFactor : undefined
  if (!factor) throw new AppError('conflict', `${key.provider} ${key.model} on ${key.date} shows no price drift to correct (${row.explanation.text})`)
  const dayStart = `${key.date}T00:00:00.000Z`
  const { rows: versions } = await pool.query<{ id: number; model_id: number; effective_from: Date; input: string; cache_read: string | null; cache_write: string | null; output: string; reasoning: string | null }>(
    `SELECT v.id, v.model_id, v.effective_from, v.input::text, v.cache_read::text, v.cache_write::text, v.output::text, v.reasoning::text
       FROM price_versions v JOIN models m ON m.id = v.model_id
      WHERE m.slug = $1 AND v.effective_from <= $2 AND (v.effective_to IS NULL OR v.effective_to > $2)
      ORDER BY v.effective_from DESC LIMIT 1`,
    [key.model, dayStart],
  )
  const v = versions[0]
  if (!v) throw new AppError('conflict', `${key.model} had no price in force on ${key.date}: add a price instead`)
  const current: Rates = { input: v.input, cacheRead: v.cache_read, cacheWrite: v.cache_write, output: v.output, reasoning: v.reasoning }
  const f = new Decimal(factor)
  const implied = Object.fromEntries(buckets.map((b) => [b, current[b] === null ? null : new Decimal(current[b] as string).times(f).toDecimalPlaces(9).toFixed()])) as Rates
  return {
    ...key,
    modelId: v.model_id,
    billedUsd: row.billed_usd,
    trackedUsd: row.tracked_usd,
    factor: f.toDecimalPlaces(6).toFixed(),
    current: { id: v.id, effectiveFrom: v.effective_from.toISOString(), ...Object.fromEntries(buckets.map((b) => [b, current[b] === null ? null : new Decimal(current[b] as string).toFixed()])) } as PriceDriftProposal['current'],
    implied,
    effectiveFrom: dayStart,
  }
}

/**
 * A person confirmed the proposal: add the implied price as a new (manual, audited) price version from
 * the drift day, and start a re-price dry run from that day to now so they see what it would change
 * before anything is re-priced. Nothing happens without this call.
 */
export async function acceptPriceDrift(
  prisma: PrismaClient,
  pool: pg.Pool,
  key: PriceDriftKey & { actor: AuditActor; now?: Date },
): Promise<{ proposal: PriceDriftProposal; versionId: number; repriceRunId: number }> {
  const proposal = await proposePriceDrift(pool, key)
  const { version } = await addPriceVersion(prisma, {
    modelId: proposal.modelId,
    effectiveFrom: new Date(proposal.effectiveFrom),
    input: proposal.implied.input as string,
    output: proposal.implied.output as string,
    cacheRead: proposal.implied.cacheRead,
    cacheWrite: proposal.implied.cacheWrite,
    reasoning: proposal.implied.reasoning,
    source: 'manual',
    note: `implied by the ${proposal.provider} bill for ${proposal.date}: billed $${proposal.billedUsd} where tracked was $${proposal.trackedUsd} (× ${proposal.factor})`,
    actor: key.actor,
  })
  const now = key.now ?? new Date()
  const to = now.getTime() > Date.parse(proposal.effectiveFrom) ? now : new Date(Date.parse(proposal.effectiveFrom) + 86_400_000)
  const { run } = await startReprice(prisma, { from: new Date(proposal.effectiveFrom), to, modelId: proposal.modelId, dryRun: true, actor: key.actor }, pool)
  return { proposal, versionId: version.id, repriceRunId: run.id }
}
