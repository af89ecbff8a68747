import { Decimal } from './decimal'
import type { PriceVersionRates } from './price-version'

// Test-only factory (not imported by production code): rates as strings, like NUMERIC columns.
export function rates(
  over: Partial<Omit<PriceVersionRates, 'input' | 'output' | 'cacheRead' | 'cacheWrite' | 'reasoning'>> & {
    input?: string
    output?: string
    cacheRead?: string | null
    cacheWrite?: string | null
    reasoning?: string | null
  } = {},
): PriceVersionRates {
  const dec = (v: string | null | undefined) => (v === null || v === undefined ? null : new Decimal(v))
  return {
    id: over.id ?? 1,
    modelId: over.modelId ?? 1,
    effectiveFrom: over.effectiveFrom ?? new Date('2024-01-01T00:00:00Z'),
    effectiveTo: over.effectiveTo ?? null,
    input: new Decimal(over.input ?? '2.5'),
    output: new Decimal(over.output ?? '10'),
    cacheRead: dec(over.cacheRead),
    cacheWrite: dec(over.cacheWrite),
    reasoning: dec(over.reasoning),
  }
}
