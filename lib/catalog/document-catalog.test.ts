import Decimal from 'decimal.js'
import { describe, expect, it } from 'vitest'
import {
  DOCUMENT_PRICE_EFFECTIVE_FROM,
  R1_TO_O1_PRICE_RATIO,
  documentCatalog,
  documentPrices,
  type DocumentModel,
} from './document-catalog'

const bySlug = (slug: string): DocumentModel => {
  const m = documentCatalog.find((x) => x.slug === slug)
  if (!m) throw new Error(`no model ${slug}`)
  return m
}
const priceOf = (slug: string) => documentPrices.find((p) => p.slug === slug)

describe('documentCatalog', () => {
  it('holds every model the document names, once', () => {
    expect(documentCatalog.map((m) => m.slug).sort()).toEqual(
      [
        'claude-3-5-sonnet',
        'code-llama',
        'deepseek-r1',
        'deepseek-v3',
        'gemma-2-2b',
        'gpt-4o',
        'grok-2',
        'llama-3.1-405b',
        'llama-3.1-70b',
        'mistral-large',
        'mixtral',
        'o1',
        'phi-3',
        'qwen2-0.5b',
      ].sort(),
    )
  })

  it.each([
    ['gpt-4o', 'dense'],
    ['claude-3-5-sonnet', 'dense'],
    ['llama-3.1-405b', 'dense'],
    ['deepseek-v3', 'moe'],
    ['mixtral', 'moe'],
    ['grok-2', 'moe'],
    ['o1', 'reasoning'],
    ['deepseek-r1', 'reasoning'],
    ['phi-3', 'small'],
    ['gemma-2-2b', 'small'],
    ['qwen2-0.5b', 'small'],
  ])('puts %s on the %s route as Part 2 does', (slug, route) => {
    const m = bySlug(slug)
    expect(m.route).toBe(route)
    expect(m.routeNote).toBeUndefined()
  })

  it.each(['llama-3.1-70b', 'code-llama', 'mistral-large'])('marks the dense route of %s as inferred', (slug) => {
    const m = bySlug(slug)
    expect(m.route).toBe('dense')
    expect(m.routeNote).toMatch(/inferred/i)
  })

  it('gives reasoning models the slow latency class and small models the fast one', () => {
    for (const m of documentCatalog) {
      if (m.route === 'reasoning') expect(m.latencyClass, m.slug).toBe('slow')
      if (m.route === 'small') expect(m.latencyClass, m.slug).toBe('fast')
    }
  })

  it('follows the cost table for deployment', () => {
    expect(bySlug('gpt-4o').deployment).toBe('closed_api')
    expect(bySlug('deepseek-v3').deployment).toBe('open_weights_api')
    expect(bySlug('llama-3.1-405b').deployment).toBe('open_weights_api')
    expect(bySlug('llama-3.1-70b').deployment).toBe('local')
    expect(bySlug('phi-3').deployment).toBe('local')
  })

  it('rates exactly the five models of the Part 3 matrix, with ☆ as a half star', () => {
    const rated = documentCatalog.filter((m) => m.ratings).map((m) => m.slug)
    expect(rated.sort()).toEqual(['claude-3-5-sonnet', 'deepseek-v3', 'gpt-4o', 'llama-3.1-405b', 'o1'])
    expect(bySlug('gpt-4o').ratings).toEqual({ general: 5, code: 5, math: 4, longContext: 4.5, multilingual: 5, reasoning: 4 })
    expect(bySlug('o1').ratings?.math).toBe(5)
    expect(bySlug('claude-3-5-sonnet').ratings?.code).toBe(4.5)
  })

  it('keeps aliases lower-case and unique across all models and slugs', () => {
    const seen = new Map<string, string>()
    for (const m of documentCatalog) {
      for (const name of [m.slug, ...m.aliases]) {
        expect(name, `${m.slug}: ${name}`).toBe(name.toLowerCase())
        expect(seen.get(name), `${name} claimed twice`).toBeUndefined()
        seen.set(name, m.slug)
      }
    }
    expect(seen.get('deepseek-chat')).toBe('deepseek-v3')
    expect(seen.get('deepseek-reasoner')).toBe('deepseek-r1')
    expect(seen.get('gpt-4o-2024-08-06')).toBe('gpt-4o')
    expect(seen.has('gpt-4o-mini')).toBe(false)
  })

  it('cites a document section for every model', () => {
    for (const m of documentCatalog) expect(m.citation, m.slug).toMatch(/部分|谱系树/)
  })
})

describe('documentPrices', () => {
  it('prices the seven models the document prices, one version each, from the document date', () => {
    expect(documentPrices.map((p) => p.slug).sort()).toEqual(
      ['claude-3-5-sonnet', 'deepseek-r1', 'deepseek-v3', 'gpt-4o', 'llama-3.1-405b', 'llama-3.1-70b', 'o1'].sort(),
    )
    for (const p of documentPrices) {
      expect(p.effectiveFrom.toISOString()).toBe('2025-01-04T00:00:00.000Z')
      expect(p.effectiveFrom).toBe(DOCUMENT_PRICE_EFFECTIVE_FROM)
      expect(p.source).toBe('document')
      expect([p.cacheRead, p.cacheWrite, p.reasoning]).toEqual([null, null, null])
      expect(documentCatalog.some((m) => m.slug === p.slug)).toBe(true)
    }
  })

  it.each([
    ['gpt-4o', '5'],
    ['o1', '20'],
    ['deepseek-v3', '0.5'],
    ['claude-3-5-sonnet', '3'],
    ['llama-3.1-405b', '0.4'],
    ['llama-3.1-70b', '0'],
  ])('converts the $/1K table price of %s to %s per 1M for input and output', (slug, per1m) => {
    const p = priceOf(slug)!
    expect(new Decimal(p.per1k).times(1000).equals(new Decimal(per1m))).toBe(true)
    expect(p.input).toBe(per1m)
    expect(p.output).toBe(per1m)
    expect(p.derived).toBe(false)
  })

  it('derives DeepSeek-R1 exactly as o1 × 0.55 / 20 = 0.55 per 1M', () => {
    const o1 = priceOf('o1')!
    const r1 = priceOf('deepseek-r1')!
    const expected = new Decimal(o1.input).times(R1_TO_O1_PRICE_RATIO.numerator).dividedBy(R1_TO_O1_PRICE_RATIO.denominator)
    expect(expected.toString()).toBe('0.55')
    expect(new Decimal(r1.input).equals(expected)).toBe(true)
    expect(new Decimal(r1.output).equals(expected)).toBe(true)
    expect(r1.per1k).toBe('0.00055')
    expect(r1.derived).toBe(true)
    expect(r1.note).toContain('$20/100K vs $0.55')
  })

  it('prices local Llama 3.1 70B at a real 0 and says infrastructure cost can replace it', () => {
    const p = priceOf('llama-3.1-70b')!
    expect(new Decimal(p.input).isZero()).toBe(true)
    expect(p.note).toMatch(/infrastructure/)
  })

  it.each(['code-llama', 'mistral-large', 'mixtral', 'qwen2-0.5b', 'grok-2', 'phi-3', 'gemma-2-2b'])(
    'leaves %s unpriced (no version, not 0)',
    (slug) => {
      expect(priceOf(slug)).toBeUndefined()
    },
  )
})
