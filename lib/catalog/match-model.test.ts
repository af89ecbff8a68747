import { describe, expect, it } from 'vitest'
import { buildModelMatcher, type CatalogModel } from './match-model'

const catalog: CatalogModel[] = [
  { id: 1, slug: 'gpt-4o', provider: 'openai', aliases: ['gpt-4o-2024-08-06', 'gpt-4o-2024-05-13'] },
  { id: 2, slug: 'o1', provider: 'openai', aliases: ['o1-2024-12-17'] },
  { id: 3, slug: 'deepseek-v3', provider: 'deepseek', aliases: ['deepseek-chat', 'deepseek/deepseek-chat-v3'] },
  { id: 4, slug: 'claude-3-5-sonnet', provider: 'anthropic', aliases: ['claude-3-5-sonnet-20241022', 'claude-3-5-sonnet-20240620'] },
  { id: 5, slug: 'llama-3.1-405b', provider: 'meta', aliases: ['meta-llama/meta-llama-3.1-405b-instruct'] },
  { id: 6, slug: 'llama-3.1-70b', provider: 'meta', aliases: ['llama3.1:70b'] },
  { id: 7, slug: 'gpt-4', provider: 'openai', aliases: [] },
  { id: 8, slug: 'o1-preview', provider: 'openai', aliases: [] },
  // An alias that shadows another model's slug loses to the slug.
  { id: 9, slug: 'gpt-4o-legacy', provider: 'openai', aliases: ['gpt-4o'] },
  // Two models equal up to separators: only the provider can tell them apart.
  { id: 10, slug: 'mixtral-8x7b', provider: 'mistral', aliases: [] },
  { id: 11, slug: 'mixtral.8x7b', provider: 'together', aliases: [] },
]

const cases: [model: string, provider: string | undefined, slug: string | null][] = [
  ['gpt-4o', undefined, 'gpt-4o'],
  ['GPT-4o', undefined, 'gpt-4o'],
  ['  gpt-4o  ', undefined, 'gpt-4o'],
  ['gpt-4o-2024-08-06', undefined, 'gpt-4o'],
  ['gpt-4o-2024-11-20', undefined, 'gpt-4o'],
  ['openai/gpt-4o', undefined, 'gpt-4o'],
  ['azure/gpt-4o', 'azure', 'gpt-4o'],
  ['openai/gpt-4o-2024-08-06', 'openai', 'gpt-4o'],
  ['gpt-4o-mini', undefined, null],
  ['gpt-4o-mini-2024-07-18', undefined, null],
  ['openai/gpt-4o-mini', 'openai', null],
  ['gpt-4o-latest', undefined, 'gpt-4o'],
  ['chatgpt-4o-latest', undefined, null],
  ['o1-2024-12-17', undefined, 'o1'],
  ['o1-preview-2024-09-12', undefined, 'o1-preview'],
  ['o1-mini', undefined, null],
  ['gpt-4-0613', undefined, 'gpt-4'],
  ['gpt-4-turbo', undefined, null],
  ['deepseek-chat', 'deepseek', 'deepseek-v3'],
  ['openrouter/deepseek/deepseek-chat', undefined, 'deepseek-v3'],
  ['openrouter/deepseek/deepseek-chat-v3:free', 'openrouter', 'deepseek-v3'],
  ['deepseek-reasoner', 'deepseek', null],
  ['claude-3-5-sonnet-20241022', 'anthropic', 'claude-3-5-sonnet'],
  ['claude-3-5-sonnet-latest', undefined, 'claude-3-5-sonnet'],
  ['claude-3-5-sonnet@20240620', 'vertex_ai', 'claude-3-5-sonnet'],
  ['claude-3.5-sonnet', undefined, 'claude-3-5-sonnet'],
  ['anthropic/claude-3.5-sonnet:beta', undefined, 'claude-3-5-sonnet'],
  ['bedrock/anthropic.claude-3-5-sonnet-20241022-v2:0', 'bedrock', 'claude-3-5-sonnet'],
  ['us.anthropic.claude-3-5-sonnet-20240620-v1:0', 'bedrock', 'claude-3-5-sonnet'],
  ['claude-3-5-haiku-20241022', 'anthropic', null],
  ['together_ai/meta-llama/Meta-Llama-3.1-405B-Instruct', undefined, 'llama-3.1-405b'],
  ['Llama 3.1 405B', undefined, 'llama-3.1-405b'],
  ['llama3.1:70b', 'ollama', 'llama-3.1-70b'],
  ['llama3.1:8b', 'ollama', null],
  ['llama-3.1-8b', undefined, null],
  ['mixtral-8x7b', 'mistral', 'mixtral-8x7b'],
  ['mixtral.8x7b', undefined, 'mixtral.8x7b'],
  ['mixtral_8x7b', 'together', 'mixtral.8x7b'],
  ['mixtral_8x7b', 'mistral', 'mixtral-8x7b'],
  ['mixtral_8x7b', undefined, null],
  ['gpt-4o-legacy', undefined, 'gpt-4o-legacy'],
  ['my-azure-deployment', 'azure', null],
  ['', undefined, null],
  ['/', undefined, null],
  ['-2024-08-06', undefined, null],
]

describe('buildModelMatcher', () => {
  const match = buildModelMatcher(catalog)

  it.each(cases)('%s (provider %s) → %s', (model, provider, slug) => {
    expect(match(model, provider)?.slug ?? null).toBe(slug)
  })

  it('answers the same from its cache as on a cold lookup', () => {
    const fresh = buildModelMatcher(catalog)
    for (const [model, provider] of cases) expect(fresh(model, provider)).toBe(match(model, provider))
  })

  it('prefers the longest alias: a provider-prefixed alias beats the bare name', () => {
    const m = buildModelMatcher([
      { id: 1, slug: 'llama-3.1-70b', provider: 'meta', aliases: ['llama-3.1-70b-instruct'] },
      { id: 2, slug: 'groq-llama-3.1-70b', provider: 'groq', aliases: ['groq/llama-3.1-70b-instruct'] },
    ])
    expect(m('groq/llama-3.1-70b-instruct')?.id).toBe(2)
    expect(m('llama-3.1-70b-instruct', 'groq')?.id).toBe(2)
    expect(m('llama-3.1-70b-instruct')?.id).toBe(1)
    expect(m('together/llama-3.1-70b-instruct')?.id).toBe(1)
  })

  it('keeps answering correctly past the cache limit', () => {
    const m = buildModelMatcher(catalog)
    for (let i = 0; i < 10_050; i++) m(`unknown-model-${i}`)
    expect(m('gpt-4o-2024-08-06')?.slug).toBe('gpt-4o')
    expect(m('gpt-4o-mini')).toBeNull()
  })
})
