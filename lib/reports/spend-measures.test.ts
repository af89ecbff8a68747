import { describe, expect, it } from 'vitest'
import { addMeasureSums, emptyMeasureTotals, formatMeasures, type MeasureSums } from './spend-measures'

const sums = (patch: Partial<MeasureSums>): MeasureSums => ({
  calls: '0',
  input_tokens: '0',
  cache_read_tokens: '0',
  cache_write_tokens: '0',
  output_tokens: '0',
  reasoning_tokens: '0',
  unpriced_calls: '0',
  flagged_calls: '0',
  cost: '0',
  potential_saving: '0',
  ...patch,
})

describe('spend measures', () => {
  it('shows cost as null only when every call is unpriced', () => {
    expect(formatMeasures(addMeasureSums(emptyMeasureTotals(), sums({ calls: '3', unpriced_calls: '3' }))).cost_usd).toBeNull()
    expect(formatMeasures(addMeasureSums(emptyMeasureTotals(), sums({ calls: '3', unpriced_calls: '2', cost: '0.5' }))).cost_usd).toBe('0.5')
    // A local model priced at $0 is free, not unknown.
    expect(formatMeasures(addMeasureSums(emptyMeasureTotals(), sums({ calls: '3', cost: '0.000000000000000' }))).cost_usd).toBe('0')
    expect(formatMeasures(emptyMeasureTotals()).cost_usd).toBe('0')
  })

  it('adds money exactly and trims trailing zeros without exponent notation', () => {
    const t = emptyMeasureTotals()
    for (let i = 0; i < 10; i++) addMeasureSums(t, sums({ calls: '1', cost: '0.100000000000000', potential_saving: '0.000000000000001' }))
    expect(formatMeasures(t)).toMatchObject({ calls: 10, cost_usd: '1', potential_saving_usd: '0.00000000000001' })
  })

  it('returns counts as numbers while exact and as strings beyond 2^53 − 1', () => {
    const t = addMeasureSums(emptyMeasureTotals(), sums({ calls: '1', input_tokens: '9007199254740991', output_tokens: '9007199254740993' }))
    const m = formatMeasures(t)
    expect(m.input_tokens).toBe(9007199254740991)
    expect(m.output_tokens).toBe('9007199254740993')
  })
})
