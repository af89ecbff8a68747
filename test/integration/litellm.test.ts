import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db'
import { addPriceVersion } from '@/lib/pricing/add-price-version'
import { importLiteLlmPrices, type LiteLlmImportResult } from '@/lib/pricing/import-litellm-prices'
import { closeProducerQueues } from '@/lib/queues'
import { createTestModel, randomSlug } from './fixtures'

const actor = { name: 'test' }
// Entries copied verbatim from LiteLLM's model_prices_and_context_window.json: every key that names a
// catalog model, plus the oddities (sample_spec, fallback_generalizations, image and per-second-only
// prices, free local models, unmatched keys). test/fixtures/README.md says how it was cut.
const fixture = path.resolve(__dirname, '../fixtures/litellm-model-prices.json')
const day = (d: string) => new Date(`${d}T00:00:00Z`)

const createLiteLlmTestModel = (opts: { deployment?: 'closed_api' | 'local'; provider?: string } = {}) => createTestModel('lm', { provider: 'testprov', ...opts })

// The new rates the import chose for a catalog slug, whether or not they differ from what is stored now.
function ratesFor(r: LiteLlmImportResult, slug: string) {
  const change = r.changes.find((c) => c.slug === slug)
  if (change) return { key: change.key, ...change.new }
  const same = r.unchanged.find((u) => u.slug === slug)
  return same ? { key: same.key, ...same.rates } : null
}

afterAll(async () => {
  await closeProducerQueues()
})

describe('LiteLLM import: the real price file, dry run against the real catalog', () => {
  it('lists changes with exact USD per 1M tokens, skips what it cannot use, and writes nothing', async () => {
    const json: unknown = JSON.parse(readFileSync(fixture, 'utf8'))
    const versionsBefore = await prisma.priceVersion.count()
    const modelsBefore = await prisma.model.count()
    const r = await importLiteLlmPrices(prisma, json, { dryRun: true, actor, effectiveFrom: day('2030-01-01') })

    expect(r.entries).toBe(Object.keys(json as object).length)
    // The provider's own key wins over Azure, OpenRouter, Bedrock … copies.
    expect(ratesFor(r, 'gpt-4o')).toEqual({ key: 'gpt-4o', input: '2.5', output: '10', cacheRead: '1.25', cacheWrite: null, reasoning: null })
    expect(ratesFor(r, 'o1')).toMatchObject({ key: 'o1', input: '15', output: '60', cacheRead: '7.5' })
    expect(ratesFor(r, 'claude-3-5-sonnet')).toMatchObject({ input: '3', output: '15', cacheRead: '0.3', cacheWrite: '3.75' })
    expect(ratesFor(r, 'deepseek-v3')).toMatchObject({ key: 'deepseek-chat', input: '0.28', output: '0.42', cacheRead: '0.028' })
    expect(ratesFor(r, 'grok-2')).toMatchObject({ input: '2', output: '10' })
    // A local model takes a local runtime's 0 (a real price, not "missing") and never a host's price.
    expect(ratesFor(r, 'code-llama')).toEqual({ key: 'ollama/codellama', input: '0', output: '0', cacheRead: null, cacheWrite: null, reasoning: null })
    expect(r.skippedEntries).toContainEqual(expect.objectContaining({ key: 'cerebras/llama3.1-70b', reason: 'hosted-price-for-local-model', model: 'llama-3.1-70b' }))
    expect(ratesFor(r, 'llama-3.1-70b')).toBeNull()

    expect(r.skippedEntries).toContainEqual({ key: 'sample_spec', reason: 'documentation' })
    expect(r.skippedEntries).toContainEqual({ key: 'fallback_generalizations', reason: 'not-a-model' })
    expect(r.skippedEntries).toContainEqual({ key: '1024-x-1024/dall-e-2', reason: 'no-token-price' })
    expect(r.skipped.documentation).toBe(1)
    // Per-second-only prices (speech, commitments) are not token prices either.
    expect(r.skippedEntries).toContainEqual({ key: 'assemblyai/best', reason: 'no-token-price' })
    expect(r.skipped['no-token-price']).toBeGreaterThan(20)
    expect(r.skippedEntries).toContainEqual(expect.objectContaining({ key: 'azure/gpt-4o', reason: 'superseded', model: 'gpt-4o' }))
    // 'mixtral' is 8x7b and 8x22b at once: Mistral's two keys disagree, so a person decides.
    expect(r.conflicts.find((c) => c.slug === 'mixtral')?.candidates.map((c) => c.key).sort()).toEqual(['mistral/open-mixtral-8x22b', 'mistral/open-mixtral-8x7b'])
    expect(ratesFor(r, 'mixtral')).toBeNull()
    const claude = r.changes.find((c) => c.slug === 'claude-3-5-sonnet')
    if (claude) expect(claude.notes.join(' ')).toMatch(/tiered prices above 200k tokens ignored/)
    const counted = Object.values(r.skipped).reduce((a, b) => a + b, 0) + r.changes.length + r.unchanged.length
    expect(counted).toBe(r.entries)

    expect(await prisma.priceVersion.count()).toBe(versionsBefore)
    expect(await prisma.model.count()).toBe(modelsBefore)
  })
})

describe('LiteLLM import: applying (own test models only)', () => {
  it('adds a litellm version only where billing changes, keeps history, and is a no-op the second time', async () => {
    const a = await createLiteLlmTestModel()
    const b = await createLiteLlmTestModel()
    const local = await createLiteLlmTestModel({ deployment: 'local' })
    const untouched = await createLiteLlmTestModel()
    await addPriceVersion(prisma, { modelId: a.id, effectiveFrom: day('2025-01-01'), input: '1', output: '1', source: 'document', actor })
    await addPriceVersion(prisma, { modelId: b.id, effectiveFrom: day('2025-01-01'), input: '0.15', output: '0.6', source: 'manual', actor })
    await addPriceVersion(prisma, { modelId: untouched.id, effectiveFrom: day('2025-01-01'), input: '1', output: '1', source: 'manual', actor })
    const json = {
      sample_spec: { input_cost_per_token: 0, output_cost_per_token: 0 },
      [a.slug]: {
        input_cost_per_token: 2.5e-6,
        output_cost_per_token: 1e-5,
        cache_read_input_token_cost: 1.25e-6,
        cache_creation_input_token_cost: 0,
        output_cost_per_reasoning_token: 1.2e-5,
        input_cost_per_token_above_200k_tokens: 5e-6,
        litellm_provider: 'testprov',
        mode: 'chat',
      },
      // A gateway's copy at another price loses to the provider's own key.
      [`openrouter/${a.slug}`]: { input_cost_per_token: 9e-6, output_cost_per_token: 9e-6, litellm_provider: 'openrouter' },
      // Same billing as stored (null cache = input): unchanged. Float noise in the file is rounded to 9 decimals.
      [b.slug]: { input_cost_per_token: 1.5e-7, output_cost_per_token: 6e-7, litellm_provider: 'testprov' },
      [`ollama/${local.slug}`]: { input_cost_per_token: 0, output_cost_per_token: 0, litellm_provider: 'ollama' },
      [`together_ai/${local.slug}`]: { input_cost_per_token: 2.9999900000000002e-6, output_cost_per_token: 1e-6, litellm_provider: 'together_ai' },
      [untouched.slug]: { input_cost_per_token: 3e-6, output_cost_per_token: 3e-6, litellm_provider: 'testprov' },
      [`${untouched.slug}-image`]: { output_cost_per_image: 0.04, litellm_provider: 'testprov', mode: 'image_generation' },
    }
    const onlyModelIds = [a.id, b.id, local.id]
    const opts = { dryRun: false, actor, effectiveFrom: day('2025-03-01'), onlyModelIds }
    const r = await importLiteLlmPrices(prisma, json, opts)

    expect(r.changes.map((c) => c.slug).sort()).toEqual([a.slug, local.slug].sort())
    expect(r.unchanged.map((u) => u.slug)).toEqual([b.slug])
    expect(r.skippedEntries).toContainEqual(expect.objectContaining({ key: untouched.slug, reason: 'not-selected' }))
    expect(r.skippedEntries).toContainEqual(expect.objectContaining({ key: `together_ai/${local.slug}`, reason: 'hosted-price-for-local-model' }))
    const changeA = r.changes.find((c) => c.slug === a.slug)!
    expect(changeA.buckets).toEqual([
      { bucket: 'input', old: '1', new: '2.5' },
      { bucket: 'output', old: '1', new: '10' },
      { bucket: 'cacheRead', old: null, new: '1.25' },
      { bucket: 'cacheWrite', old: null, new: '0' },
      { bucket: 'reasoning', old: null, new: '12' },
    ])
    expect(changeA.candidates).toBe(2)

    const history = await prisma.priceVersion.findMany({ where: { modelId: a.id }, orderBy: { effectiveFrom: 'asc' } })
    expect(history.map((v) => [v.source, v.effectiveFrom.toISOString().slice(0, 10), v.effectiveTo?.toISOString().slice(0, 10) ?? null])).toEqual([
      ['document', '2025-01-01', '2025-03-01'],
      ['litellm', '2025-03-01', null],
    ])
    const imported = history[1]!
    expect([imported.input, imported.output, imported.cacheRead, imported.cacheWrite, imported.reasoning].map((d) => d?.toFixed() ?? null)).toEqual(['2.5', '10', '1.25', '0', '12'])
    expect(imported.note).toContain('tiered prices above 200k tokens ignored')
    const localVersion = await prisma.priceVersion.findFirstOrThrow({ where: { modelId: local.id } })
    expect([localVersion.input.toFixed(), localVersion.output.toFixed(), localVersion.source]).toEqual(['0', '0', 'litellm'])
    expect(await prisma.priceVersion.count({ where: { modelId: untouched.id } })).toBe(1)
    expect(await prisma.auditLog.count({ where: { action: 'price.add', entityId: { in: [String(imported.id), String(localVersion.id)] } } })).toBe(2)

    const again = await importLiteLlmPrices(prisma, json, opts)
    expect(again.changes).toEqual([])
    expect(again.unchanged.map((u) => u.slug).sort()).toEqual([a.slug, b.slug, local.slug].sort())
    expect(await prisma.priceVersion.count({ where: { modelId: { in: onlyModelIds } } })).toBe(4)
  })

  it('reads per-token floats exactly and rounds only beyond the 9 decimals a price keeps', async () => {
    const m = await createLiteLlmTestModel()
    const json = { [m.slug]: { input_cost_per_token: 2.9999900000000002e-6, output_cost_per_token: 1.5000020000000002e-5, cache_read_input_token_cost: 1.3e-10, litellm_provider: 'testprov' } }
    const r = await importLiteLlmPrices(prisma, json, { dryRun: true, actor, onlyModelIds: [m.id] })
    expect(r.changes[0]?.new).toMatchObject({ input: '2.99999', output: '15.00002', cacheRead: '0.00013' })
    expect(r.changes[0]?.notes.join(' ')).toMatch(/input_cost_per_token 2\.9999900000000002 rounded to 2\.99999/)
  })

  it('creates catalog models only when asked, one per model however many keys name it', async () => {
    const base = randomSlug('newmodel')
    const json = {
      [base]: { input_cost_per_token: 1e-6, output_cost_per_token: 2e-6, litellm_provider: 'testprov', mode: 'chat' },
      [`azure/${base}`]: { input_cost_per_token: 1.1e-6, output_cost_per_token: 2.2e-6, litellm_provider: 'azure', mode: 'chat' },
      [`${base}-embed`]: { input_cost_per_token: 1e-7, output_cost_per_token: 0, litellm_provider: 'testprov', mode: 'embedding' },
    }
    const withoutCreate = await importLiteLlmPrices(prisma, json, { dryRun: false, actor, onlyModelIds: [] })
    expect(withoutCreate.changes).toEqual([])
    expect(withoutCreate.skipped.unmatched).toBe(3)

    const dry = await importLiteLlmPrices(prisma, json, { dryRun: true, createModels: true, actor, onlyModelIds: [] })
    expect(dry.createdModels.map((m) => m.slug)).toEqual([base])
    expect(await prisma.model.count({ where: { slug: base } })).toBe(0)

    const r = await importLiteLlmPrices(prisma, json, { dryRun: false, createModels: true, actor, onlyModelIds: [], effectiveFrom: day('2025-01-01') })
    try {
      expect(r.createdModels).toHaveLength(1)
      const created = await prisma.model.findUniqueOrThrow({ where: { slug: base }, include: { aliases: true, priceVersions: true } })
      expect(created.notes).toMatch(/guessed/)
      expect([created.deployment, created.provider]).toEqual(['open_weights_api', 'testprov'])
      expect(created.priceVersions.map((v) => [v.input.toFixed(), v.output.toFixed(), v.source])).toEqual([['1', '2', 'litellm']])
      expect(r.skippedEntries).toContainEqual(expect.objectContaining({ key: `azure/${base}`, reason: 'superseded', model: base }))
      expect(await prisma.auditLog.count({ where: { action: 'model.create', entityId: String(created.id) } })).toBe(1)
    } finally {
      await prisma.model.deleteMany({ where: { slug: base } })
    }
  })
})
