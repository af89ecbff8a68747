import { describe, expect, it } from 'vitest'
import { Decimal } from '@/lib/pricing/decimal'
import { newWhatIfTally, tallyCalls, whatIfNumbers, type Move } from './what-if-tally'

const move = (costAfter: string | null): Move => ({
  rule: 'doc.reasoning-on-simple-task',
  toModel: 'deepseek-v3',
  costAfter: costAfter === null ? null : new Decimal(costAfter),
})
const d = (v: string) => new Decimal(v)

describe('tallyCalls', () => {
  it('sums priced calls exactly; unpriced ones are counted, never summed as 0', () => {
    const t = newWhatIfTally()
    tallyCalls(t, 3, d('0.1'), null)
    tallyCalls(t, 2, null, null)
    expect(whatIfNumbers(t)).toEqual({
      calls: 5,
      moved_calls: 0,
      spend_before: '0.1',
      spend_after: '0.1',
      saving: '0',
      unpriced_calls_before: 2,
      unpriced_calls_after: 2,
      saving_unknown_calls: 0,
    })
  })

  it('a moved call is costed at its suggestion; the saving counts only calls priced on both sides', () => {
    const t = newWhatIfTally()
    // Costs are per group, for all its calls.
    tallyCalls(t, 4, d('0.024'), move('0.0006')) // saves 0.0234
    tallyCalls(t, 1, d('0.00066'), move('0.024')) // a risk fix costs more: −0.02334
    tallyCalls(t, 2, null, move('0.0006')) // unpriced before: saving unknown
    tallyCalls(t, 1, d('0.006'), move(null)) // unpriced after: saving unknown
    expect(whatIfNumbers(t)).toEqual({
      calls: 8,
      moved_calls: 8,
      spend_before: '0.03066',
      spend_after: '0.0252',
      saving: '0.00006',
      unpriced_calls_before: 2,
      unpriced_calls_after: 1,
      saving_unknown_calls: 3,
    })
  })
})
