import { describe, expect, it } from 'vitest'
import { buildModelMatcher } from '@/lib/catalog/match-model'
import { buildPriceIndex } from '@/lib/pricing/price-version'
import { rates } from '@/lib/pricing/test-fixtures'
import { prepareEvents, type IngestContext } from './prepare-events'

const now = new Date('2025-06-15T12:00:00Z')
const ctx: IngestContext = {
  teamId: 1,
  now,
  maxAgeMs: 35 * 86_400_000,
  maxFutureMs: 5 * 60_000,
  matchModel: buildModelMatcher([
    { id: 1, slug: 'gpt-4o', provider: 'openai', aliases: [] },
    { id: 2, slug: 'llama-3-70b', provider: 'meta', aliases: [] },
    { id: 3, slug: 'llama-3-70b-groq', provider: 'groq', aliases: ['groq/llama-3-70b'] },
  ]),
  prices: buildPriceIndex([rates({ id: 1, modelId: 1 })]),
}
const event = (id: string, extra: Record<string, unknown>) => ({ id, timestamp: '2025-06-15T11:00:00Z', model: 'gpt-4o', ...extra })
const usage = (extra: Record<string, unknown>) => ({ usage: { prompt_tokens: 10, completion_tokens: 5, ...extra } })

describe('prepareEvents', () => {
  it.each([
    ['U+0000 in a usage string', usage({ note: 'a\u0000b' }), /^events\[0\]\.usage: keys and strings must not contain U\+0000/],
    ['U+0000 in a usage key', usage({ 'k\u0000': 1 }), /^events\[0\]\.usage: keys and strings must not contain U\+0000/],
    ['an unpaired surrogate in usage', usage({ note: 'a\udc00' }), /^events\[0\]\.usage: keys and strings must not contain/],
    ['usage nested too deeply to serialise', { usage: JSON.parse(`{"prompt_tokens":1,"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`) }, /^events\[0\]\.usage: object is larger than 4096 bytes/],
  ])('rejects %s as that event only', (_name, extra, error) => {
    const out = prepareEvents([event('bad', extra), event('ok', usage({}))], ctx)
    expect(out.results[0]).toMatchObject({ id: 'bad', status: 'rejected', error: expect.stringMatching(error) })
    expect(out.results[1]).toEqual({ id: 'ok', status: 'accepted' })
    expect(out.rows.map((r) => r.eventId)).toEqual(['ok'])
  })

  it.each([
    ['the text \\u0000 (an escaped backslash, not a NUL)', usage({ note: 'a\\u0000b' })],
    ['a surrogate pair (an emoji)', usage({ note: '😀' })],
  ])('accepts %s in usage and stores it as sent', (_name, extra) => {
    const out = prepareEvents([event('e', extra)], ctx)
    expect(out.results[0]!.status).toBe('accepted')
    expect(JSON.parse(out.rows[0]!.rawUsage!)).toEqual(extra.usage)
  })

  it('matches each (model, provider) pair on its own, even when a batch repeats the model string', () => {
    // The same name under two providers is two different catalog models ("groq/llama-3-70b" is an alias).
    const out = prepareEvents(
      [event('a', { model: 'llama-3-70b', provider: 'meta', input_tokens: 1 }), event('b', { model: 'llama-3-70b', provider: 'groq', input_tokens: 1 }), event('c', { model: 'llama-3-70b', provider: 'Meta', input_tokens: 1 })],
      ctx,
    )
    expect(out.rows.map((r) => [r.modelId, r.provider])).toEqual([
      [2, 'meta'],
      [3, 'groq'],
      [2, 'meta'],
    ])
  })
})
