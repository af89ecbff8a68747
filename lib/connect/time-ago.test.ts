import { describe, expect, it } from 'vitest'
import { timeAgo } from './time-ago'

const now = new Date('2026-12-07T08:00:00Z')
const ago = (ms: number) => new Date(now.getTime() - ms)

describe('timeAgo', () => {
  it.each([
    [0, '0 s ago'],
    [-5000, '0 s ago'], // a clock a little ahead of ours
    [59_999, '59 s ago'],
    [60_000, '1 min ago'],
    [3_599_999, '59 min ago'],
    [3_600_000, '1 h ago'],
    [86_399_999, '23 h ago'],
    [86_400_000 * 12, '12 d ago'],
  ])('%i ms → %s', (ms, text) => {
    expect(timeAgo(ago(ms), now)).toBe(text)
  })
})
