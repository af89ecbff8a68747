import type { PriceSource, PriceVersion, Prisma } from '@prisma/client'
import { runAudited } from '@/lib/audit/run-audited'
import type { AuditActor } from '@/lib/audit/types'
import type { DbClient } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { Decimal, type DecimalValue } from './decimal'
import { notifyPricesChanged } from './reprice/notify-prices-changed'

type RateValue = DecimalValue | { toString(): string }

export type AddPriceVersionInput = {
  modelId: number
  effectiveFrom: Date
  /** USD per 1M tokens; at most 9 decimals (the column's scale — more would be rounded silently). */
  input: RateValue
  output: RateValue
  cacheRead?: RateValue | null
  cacheWrite?: RateValue | null
  reasoning?: RateValue | null
  source: PriceSource
  note?: string | null
  derived?: boolean
  actor: AuditActor
}

export type AddPriceVersionResult = {
  version: PriceVersion
  /** Earlier versions whose effective-to was moved to the new version's effective-from. */
  closed: { id: number; effectiveFrom: Date; effectiveTo: Date | null }[]
  /** False when the caller's transaction was joined: the caller runs notifyPricesChanged after its commit. */
  notified: boolean
}

const MAX_RATE = new Decimal('1e11') // NUMERIC(20,9) holds 11 integer digits

// The price form's field for each bucket, so a refused rate is shown beside its input.
const rateFields: Record<string, string> = { input: 'input', output: 'output', 'cache read': 'cacheRead', 'cache write': 'cacheWrite', reasoning: 'reasoning' }

function parseRate(name: string, value: RateValue): string {
  const field = rateFields[name]
  let d: Decimal
  try {
    d = new Decimal(typeof value === 'object' ? value.toString() : value)
  } catch {
    throw new AppError('invalid', `${name} price '${String(value)}' is not a number`, { field })
  }
  if (typeof value === 'number' && !Number.isInteger(value)) {
    throw new AppError('invalid', `${name} price must be given as a decimal string, not the float ${value}`, { field })
  }
  if (!d.isFinite() || d.isNegative()) throw new AppError('invalid', `${name} price must be a non-negative number (got ${String(value)})`, { field })
  if (d.decimalPlaces() > 9) throw new AppError('invalid', `${name} price ${d.toFixed()} has more than 9 decimals (USD per 1M tokens)`, { field })
  if (d.gte(MAX_RATE)) throw new AppError('invalid', `${name} price ${d.toFixed()} is too large`, { field })
  return d.toFixed()
}

const optionalRate = (name: string, v: RateValue | null | undefined) => (v === null || v === undefined ? null : parseRate(name, v))

function describeVersion(v: PriceVersion): Prisma.InputJsonObject {
  return {
    id: v.id,
    modelId: v.modelId,
    effectiveFrom: v.effectiveFrom.toISOString(),
    effectiveTo: v.effectiveTo?.toISOString() ?? null,
    input: v.input.toFixed(),
    output: v.output.toFixed(),
    cacheRead: v.cacheRead?.toFixed() ?? null,
    cacheWrite: v.cacheWrite?.toFixed() ?? null,
    reasoning: v.reasoning?.toFixed() ?? null,
    source: v.source,
    derived: v.derived,
    note: v.note,
  }
}

/**
 * Adds a price version without rewriting history: the version in force at effectiveFrom is closed there,
 * and the new one ends where the next later version starts, so versions never overlap. Events already
 * priced are not touched (that is an explicit re-price); events that were unpriced get priced by the
 * maintenance worker. Joins the caller's transaction when given one.
 */
export async function addPriceVersion(db: DbClient, input: AddPriceVersionInput): Promise<AddPriceVersionResult> {
  const at = input.effectiveFrom
  if (Number.isNaN(at.getTime())) throw new AppError('invalid', 'effectiveFrom is not a valid date')
  const rates = {
    input: parseRate('input', input.input),
    output: parseRate('output', input.output),
    cacheRead: optionalRate('cache read', input.cacheRead),
    cacheWrite: optionalRate('cache write', input.cacheWrite),
    reasoning: optionalRate('reasoning', input.reasoning),
  }
  const ownsTransaction = '$transaction' in db
  const result = await runAudited(db, input.actor, async (tx) => {
    // Serialises concurrent additions for one model, so two of them cannot both see "no later version".
    const locked = await tx.$queryRaw<{ slug: string }[]>`SELECT slug FROM models WHERE id = ${input.modelId} FOR UPDATE`
    const model = locked[0]
    if (!model) throw new AppError('not_found', `unknown model id ${input.modelId}`, { field: 'modelId' })
    const same = await tx.priceVersion.findUnique({ where: { modelId_effectiveFrom: { modelId: input.modelId, effectiveFrom: at } } })
    if (same) {
      throw new AppError('conflict', `model '${model.slug}' already has a price version effective from ${at.toISOString()} (id ${same.id})`, { field: 'effectiveDate' })
    }
    const overlapping = await tx.priceVersion.findMany({
      where: { modelId: input.modelId, effectiveFrom: { lt: at }, OR: [{ effectiveTo: null }, { effectiveTo: { gt: at } }] },
      orderBy: { effectiveFrom: 'asc' },
    })
    if (overlapping.length > 0) {
      await tx.priceVersion.updateMany({ where: { id: { in: overlapping.map((v) => v.id) } }, data: { effectiveTo: at } })
    }
    const next = await tx.priceVersion.findFirst({
      where: { modelId: input.modelId, effectiveFrom: { gt: at } },
      orderBy: { effectiveFrom: 'asc' },
      select: { effectiveFrom: true },
    })
    const version = await tx.priceVersion.create({
      data: {
        modelId: input.modelId,
        effectiveFrom: at,
        effectiveTo: next?.effectiveFrom ?? null,
        ...rates,
        source: input.source,
        derived: input.derived ?? false,
        note: input.note ?? null,
        createdById: input.actor.id ?? null,
      },
    })
    const closed = overlapping.map((v) => ({ id: v.id, effectiveFrom: v.effectiveFrom, effectiveTo: v.effectiveTo }))
    return {
      result: { version, closed },
      audit: {
        action: 'price.add',
        entityType: 'price_version',
        entityId: version.id,
        before: closed.length
          ? { closed: closed.map((c) => ({ id: c.id, effectiveFrom: c.effectiveFrom.toISOString(), effectiveTo: c.effectiveTo?.toISOString() ?? null })) }
          : null,
        after: { model: model.slug, ...describeVersion(version), closedAt: closed.length ? at.toISOString() : null },
      },
    }
  })
  if (ownsTransaction) await notifyPricesChanged()
  return { ...result, notified: ownsTransaction }
}

/**
 * USD per 1M tokens for a self-hosted model from what its hardware costs: GPU-hour price ÷ tokens per hour.
 * Rounded (half-even) to the 9 decimals a price column keeps, so "local" is never silently "free".
 */
export function infrastructurePrice(input: { gpuHourUsd: DecimalValue; tokensPerSecond: DecimalValue }): Decimal {
  const gpuHour = new Decimal(input.gpuHourUsd)
  const tps = new Decimal(input.tokensPerSecond)
  if (!gpuHour.isFinite() || gpuHour.isNegative()) throw new AppError('invalid', 'GPU-hour cost must be a non-negative number', { field: 'gpuHourUsd' })
  if (!tps.isFinite() || tps.lte(0)) throw new AppError('invalid', 'tokens per second must be a positive number', { field: 'tokensPerSecond' })
  return gpuHour.times(1_000_000).dividedBy(tps.times(3600)).toDecimalPlaces(9)
}
