import type { Route } from '@prisma/client'
import { describe, expect, it } from 'vitest'
import { documentCatalog } from '@/lib/catalog/document-catalog'
import { relatedModels } from './related-models'

const documentRoutes = new Map<string, Route>(documentCatalog.map((m) => [m.slug, m.route]))
const routeOf = (slug: string) => documentRoutes.get(slug) ?? null

describe('relatedModels', () => {
  it('lists same-route document models, then questionnaire co-recommendations, without the recommended ones', () => {
    const related = relatedModels(['gpt-4o', 'o1'], routeOf)
    expect(related).not.toContain('gpt-4o')
    expect(related).not.toContain('o1')
    // Part 4 A recommends GPT-4o with Claude 3.5 Sonnet; B recommends o1 with DeepSeek-R1.
    expect(related).toEqual(expect.arrayContaining(['claude-3-5-sonnet', 'deepseek-r1']))
    for (const slug of related) expect(documentRoutes.has(slug)).toBe(true)
    expect(new Set(related).size).toBe(related.length)
  })

  it('follows the catalog route, not the document default', () => {
    const edited = (slug: string) => (slug === 'phi-3' ? 'moe' : routeOf(slug))
    expect(relatedModels(['deepseek-v3'], edited)).toContain('phi-3')
    expect(relatedModels(['deepseek-v3'], routeOf)).not.toContain('phi-3')
  })

  it('a local Llama on GPUs is compared with the privacy and latency answers (E, D)', () => {
    const related = relatedModels(['llama-3.1-70b'], routeOf)
    expect(related).toEqual(expect.arrayContaining(['mistral-large', 'phi-3']))
  })

  it('a model the catalog lacks contributes no route', () => {
    expect(relatedModels(['no-such-model'], routeOf)).toEqual([])
  })
})
