import { describe, expect, it } from 'vitest'
import { parseLiteLlmEntries } from './import-litellm-entries'
import { guessLiteLlmModel } from './import-litellm-guess-model'
import { rankLiteLlmKey, selectLiteLlmPrices, type ImportCatalogModel } from './import-litellm-select'

const catalog: ImportCatalogModel[] = [
  { id: 1, slug: 'gpt-4o', provider: 'openai', deployment: 'closed_api', aliases: ['gpt-4o', 'openai/gpt-4o', 'azure/gpt-4o'] },
  { id: 2, slug: 'deepseek-v3', provider: 'deepseek', deployment: 'open_weights_api', aliases: ['deepseek-chat', 'deepseek/deepseek-chat'] },
  { id: 3, slug: 'mixtral', provider: 'mistral', deployment: 'open_weights_api', aliases: ['mistral/open-mixtral-8x7b', 'mistral/open-mixtral-8x22b'] },
  { id: 4, slug: 'llama-3.1-70b', provider: 'meta', deployment: 'local', aliases: ['ollama/llama3.1:70b', 'llama3.1-70b'] },
]

const price = (input: number, output: number, provider: string, extra: Record<string, unknown> = {}) => ({
  input_cost_per_token: input,
  output_cost_per_token: output,
  litellm_provider: provider,
  ...extra,
})

describe('parseLiteLlmEntries', () => {
  it('turns per-token floats into exact USD per 1M and skips what has no token price', () => {
    const { entries, skipped } = parseLiteLlmEntries({
      sample_spec: price(0, 0, 'doc'),
      fallback_generalizations: { rules: [] },
      weird: 'not an object',
      'dall-e-3': { output_cost_per_image: 0.04, litellm_provider: 'openai' },
      'gpt-4o': price(2.5e-6, 1e-5, 'openai', { cache_read_input_token_cost: 1.25e-6, input_cost_per_token_above_200k_tokens: 5e-6 }),
      free: price(0, 0, 'ollama'),
      noisy: price(2.9999900000000002e-6, 1.5000999999999998e-7, 'x'),
      broken: price(-1e-6, 1e-6, 'x'),
    })
    expect(skipped).toEqual([
      { key: 'sample_spec', reason: 'documentation' },
      { key: 'fallback_generalizations', reason: 'not-a-model' },
      { key: 'weird', reason: 'not-a-model' },
      { key: 'dall-e-3', reason: 'no-token-price' },
      { key: 'broken', reason: 'invalid-price', detail: 'input_cost_per_token is negative' },
    ])
    const byKey = new Map(entries.map((e) => [e.key, e]))
    const gpt = byKey.get('gpt-4o')!
    expect([gpt.rates.input.toFixed(), gpt.rates.output.toFixed(), gpt.rates.cacheRead?.toFixed(), gpt.rates.cacheWrite]).toEqual(['2.5', '10', '1.25', null])
    expect(gpt.notes).toEqual(['tiered prices above 200k tokens ignored; base tier imported'])
    expect(byKey.get('free')?.rates.input.toFixed()).toBe('0')
    const noisy = byKey.get('noisy')!
    expect([noisy.rates.input.toFixed(), noisy.rates.output.toFixed()]).toEqual(['2.99999', '0.15001'])
    expect(noisy.notes).toHaveLength(2)
  })
})

describe('selectLiteLlmPrices', () => {
  it.each([
    [{ key: 'gpt-4o', provider: 'openai' }, [0, 0]],
    [{ key: 'openai/gpt-4o', provider: 'openai' }, [1, 1]],
    [{ key: 'azure/gpt-4o', provider: 'azure' }, [1, 3]],
    [{ key: 'openrouter/openai/gpt-4o', provider: 'openrouter' }, [2, 3]],
  ] as const)('ranks %j as %j', (entry, rank) => {
    expect(rankLiteLlmKey(entry, catalog[0]!)).toEqual(rank)
  })

  it('prefers the exact, provider-native key; reports disagreeing equals as a conflict; keeps hosted prices off local models', () => {
    const { entries } = parseLiteLlmEntries({
      'azure/gpt-4o': price(2.75e-6, 1.1e-5, 'azure'),
      'gpt-4o': price(2.5e-6, 1e-5, 'openai'),
      'openrouter/openai/gpt-4o': price(2.5e-6, 1e-5, 'openrouter'),
      'deepseek/deepseek-chat': price(2.8e-7, 4.2e-7, 'deepseek'),
      'deepseek-chat': price(2.8e-7, 4.2e-7, 'deepseek'),
      'mistral/open-mixtral-8x7b': price(7e-7, 7e-7, 'mistral'),
      'mistral/open-mixtral-8x22b': price(2e-6, 6e-6, 'mistral'),
      'cerebras/llama3.1-70b': price(6e-7, 6e-7, 'cerebras'),
      'unknown-model': price(1e-6, 1e-6, 'x'),
    })
    const { choices, conflicts, skipped } = selectLiteLlmPrices(entries, catalog)
    expect(choices.map((c) => [c.model.slug, c.entry.key, c.candidates])).toEqual([
      ['gpt-4o', 'gpt-4o', 3],
      ['deepseek-v3', 'deepseek-chat', 2],
    ])
    expect(conflicts.map((c) => [c.model.slug, c.entries.map((e) => e.key).sort()])).toEqual([['mixtral', ['mistral/open-mixtral-8x22b', 'mistral/open-mixtral-8x7b']]])
    const reasons = Object.fromEntries(skipped.map((s) => [s.key, s.reason]))
    expect(reasons).toMatchObject({
      'azure/gpt-4o': 'superseded',
      'openrouter/openai/gpt-4o': 'superseded',
      'deepseek/deepseek-chat': 'superseded',
      'cerebras/llama3.1-70b': 'hosted-price-for-local-model',
      'unknown-model': 'unmatched',
    })
  })

  it('with createModels, founds one model per name from its simplest key', () => {
    const { entries } = parseLiteLlmEntries({
      'azure/gpt-4o-mini': price(1.65e-7, 6.6e-7, 'azure', { mode: 'chat' }),
      'gpt-4o-mini': price(1.5e-7, 6e-7, 'openai', { mode: 'chat' }),
      'text-embedding-3-small': price(2e-8, 0, 'openai', { mode: 'embedding' }),
    })
    const { choices, skipped } = selectLiteLlmPrices(entries, catalog, { createModels: true })
    expect(choices.map((c) => [c.guess?.slug, c.entry.key, c.guess?.route, c.guess?.deployment, c.guess?.family])).toEqual([
      ['gpt-4o-mini', 'gpt-4o-mini', 'small', 'closed_api', 'OpenAI'],
    ])
    expect(skipped).toContainEqual({ key: 'text-embedding-3-small', reason: 'unmatched' })
  })

  it('guesses a unique slug, the family and a local deployment for local runtimes', () => {
    const [entry] = parseLiteLlmEntries({ 'ollama/qwen2.5-coder:7b': price(0, 0, 'ollama') }).entries
    const g = guessLiteLlmModel(entry!, new Set(['qwen2.5-coder-7b']))
    expect([g.slug, g.family, g.deployment, g.route]).toEqual(['qwen2.5-coder-7b-2', 'Qwen', 'local', 'small'])
    expect(g.aliases).toEqual(['qwen2.5-coder-7b-2', 'ollama/qwen2.5-coder:7b'])
  })
})
