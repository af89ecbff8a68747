import type { MonthlyVolume } from '@/lib/advisor/estimate-monthly-cost'
import type { ModelPrice } from '@/lib/advisor/load-model-prices'
import type { CsvCell } from '@/lib/csv/to-csv'
import { monthlyEstimate } from './model-rows'

export const priceCsvHeader = [
  'context',
  'role',
  'model',
  'display_name',
  'route',
  'deployment',
  'status',
  'price_version_id',
  'effective_from',
  'source',
  'input_usd_per_1m',
  'output_usd_per_1m',
  'requests_per_month',
  'input_tokens_per_request',
  'output_tokens_per_request',
  'monthly_estimate_usd',
] as const

/** One CSV row per model: exact decimals, empty money cells for an unpriced model (unknown, not 0). */
export function priceCsvRow(context: string, role: string, m: ModelPrice, volume: MonthlyVolume): CsvCell[] {
  const estimate = monthlyEstimate(m, volume)
  return [
    context,
    role,
    m.slug,
    m.displayName,
    m.route,
    m.deployment,
    m.price ? 'priced' : 'unpriced',
    m.price?.id,
    m.price?.effectiveFrom.toISOString(),
    m.priceSource,
    m.price?.input.toFixed(),
    m.price?.output.toFixed(),
    volume.requests,
    volume.inputTokens,
    volume.outputTokens,
    estimate?.toFixed(),
  ]
}
