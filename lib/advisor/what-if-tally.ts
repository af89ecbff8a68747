import { Decimal } from '@/lib/pricing/decimal'

/** Money as exact decimal strings. Unpriced calls are counted, never summed as 0: spend_before sums the
 *  calls priced now, spend_after the calls priced after the moves; saving covers moved calls priced on
 *  both sides, and saving_unknown_calls counts moved calls that are not. */
export type WhatIfNumbers = {
  calls: number
  moved_calls: number
  spend_before: string
  spend_after: string
  saving: string
  unpriced_calls_before: number
  unpriced_calls_after: number
  saving_unknown_calls: number
}

/** One what-if group's running numbers (the totals, a team, a model, a move). */
export type WhatIfTally = { calls: number; moved: number; before: Decimal; after: Decimal; saving: Decimal; unpricedBefore: number; unpricedAfter: number; savingUnknown: number }

export const newWhatIfTally = (): WhatIfTally => ({ calls: 0, moved: 0, before: new Decimal(0), after: new Decimal(0), saving: new Decimal(0), unpricedBefore: 0, unpricedAfter: 0, savingUnknown: 0 })

export const whatIfNumbers = (a: WhatIfTally): WhatIfNumbers => ({
  calls: a.calls,
  moved_calls: a.moved,
  spend_before: a.before.toFixed(),
  spend_after: a.after.toFixed(),
  saving: a.saving.toFixed(),
  unpriced_calls_before: a.unpricedBefore,
  unpriced_calls_after: a.unpricedAfter,
  saving_unknown_calls: a.savingUnknown,
})

/** Where a rule moves a call: the rule, the model it goes to, and what it costs there (null: that model
 *  has no price at the call's time, so the cost after is unknown, not zero). */
export type Move = { rule: string; toModel: string; costAfter: Decimal | null }

/** Counts `calls` calls that cost `before` in all (null: unpriced), moved by `move` (at its cost after) or not. */
export function tallyCalls(a: WhatIfTally, calls: number, before: Decimal | null, move: Move | null): void {
  const after = move ? move.costAfter : before
  a.calls += calls
  if (before === null) a.unpricedBefore += calls
  else a.before = a.before.plus(before)
  if (after === null) a.unpricedAfter += calls
  else a.after = a.after.plus(after)
  if (!move) return
  a.moved += calls
  if (before !== null && after !== null) a.saving = a.saving.plus(before.minus(after))
  else a.savingUnknown += calls
}
