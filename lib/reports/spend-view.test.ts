import { describe, expect, it } from 'vitest'
import { filterQuery } from './spend-view'

describe('filterQuery (the Spend filters as a query string)', () => {
  it.each([
    ['nothing', {}, {}, ''],
    ['filters only, trimmed, empty ones dropped', { from: ' 2026-11-01 ', to: '', team: 'growth', page: '2' }, {}, '?from=2026-11-01&team=growth'],
    ['repeated values kept', { model: ['gpt-4o', 'o1'] }, {}, '?model=gpt-4o&model=o1'],
    ['extras set last', { team: 'a' }, { format: 'csv' }, '?team=a&format=csv'],
    ['from URLSearchParams', new URLSearchParams('route=api&route=&x=1'), {}, '?route=api'],
  ])('%s', (_, params, extra, want) => expect(filterQuery(params, extra)).toBe(want))
})
