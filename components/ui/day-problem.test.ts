import { describe, expect, it } from 'vitest'
import { dayProblem } from './day-problem'

describe('dayProblem (what the date field says beside a typed day)', () => {
  it.each([
    ['2026-11-07', null],
    ['', null],
    ['2024-02-29', null],
    [' 2026-11-07', "Write the date as YYYY-MM-DD, e.g. 2026-11-07 (got ' 2026-11-07')"],
    ['11/07/2026', "Write the date as YYYY-MM-DD, e.g. 2026-11-07 (got '11/07/2026')"],
    ['2026-1-7', "Write the date as YYYY-MM-DD, e.g. 2026-11-07 (got '2026-1-7')"],
    ['2026-02-29', '2026-02-29 is not a calendar day'],
    ['2026-13-01', '2026-13-01 is not a calendar day'],
  ])('%j → %j', (text, want) => expect(dayProblem(text)).toBe(want))
})
