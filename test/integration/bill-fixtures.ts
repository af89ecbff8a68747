import { randomBytes } from 'node:crypto'
import { pool, prisma } from '@/lib/db'
import { ingestEvents } from '@/lib/ingest/ingest-usage-batch'
import { invalidatePricingSnapshot } from '@/lib/pricing/load-pricing-snapshot'
import { addPriceVersion } from '@/lib/pricing/add-price-version'
import { applyTeamRollups } from './fixtures'

// Bill documents shaped exactly as the providers' API references show them, and the tracked side they
// are reconciled against: a catalog model of the test's own (so other tests' spend never mixes in),
// its price, and events ingested through the real path and rolled up.

export const hex = () => randomBytes(4).toString('hex')
const actor = { name: 'bills-test' }

/** A UTC day n days before now, and its Unix seconds. */
export function daysAgo(n: number): { day: string; start: number; end: number } {
  const start = Math.floor(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()) / 1000) - n * 86_400
  return { day: new Date(start * 1000).toISOString().slice(0, 10), start, end: start + 86_400 }
}

export async function createBillModel(input: { provider: string; slug: string; aliases: string[]; input: string; output: string }) {
  const model = await prisma.model.create({
    data: {
      slug: input.slug,
      displayName: input.slug,
      provider: input.provider,
      family: 'Test',
      route: 'dense',
      deployment: 'closed_api',
      aliases: { create: [input.slug, ...input.aliases].map((alias) => ({ alias })) },
    },
  })
  await addPriceVersion(prisma, { modelId: model.id, effectiveFrom: new Date('2020-01-01T00:00:00Z'), input: input.input, output: input.output, source: 'manual', actor })
  invalidatePricingSnapshot()
  return model
}

/** `count` events of the model at noon on `day`, stored and rolled up as the worker would. */
export async function trackCalls(teamId: number, model: string, day: string, count: number, tokens: { input: number; output: number }) {
  const events = Array.from({ length: count }, (_, i) => ({
    id: `bill-${hex()}-${i}`,
    timestamp: `${day}T12:00:${String(i % 60).padStart(2, '0')}Z`,
    model,
    input_tokens: tokens.input,
    output_tokens: tokens.output,
  }))
  const out = await ingestEvents(pool, teamId, events, { source: 'test', enqueue: false })
  if (out.rejected > 0) throw new Error(`events rejected: ${JSON.stringify(out.results.filter((r) => r.status === 'rejected'))}`)
  await applyTeamRollups(teamId)
}

export const openAiCostsPage = (buckets: { start: number; end: number; lines: { lineItem: string | null; value: number | string; projectId?: string | null }[] }[], hasMore: boolean) =>
  JSON.stringify(
    {
      object: 'page',
      data: buckets.map((b) => ({
        object: 'bucket',
        start_time: b.start,
        end_time: b.end,
        results: b.lines.map((l) => ({ object: 'organization.costs.result', amount: { value: '@@' + String(l.value), currency: 'usd' }, line_item: l.lineItem, project_id: l.projectId ?? null })),
      })),
      has_more: hasMore,
      next_page: hasMore ? 'page_AAAAAGdGxdEiJdKOAAAAAGcqsYA=' : null,
    },
    null,
    2,
  ).replace(/"@@([-0-9.e]+)"/g, '$1') // amount.value is a JSON number, written as the API writes it

export const openAiUsagePage = (buckets: { start: number; end: number; model: string; input: number; output: number; cached: number; requests: number }[]) =>
  JSON.stringify({
    object: 'page',
    data: buckets.map((b) => ({
      object: 'bucket',
      start_time: b.start,
      end_time: b.end,
      results: [
        {
          object: 'organization.usage.completions.result',
          input_tokens: b.input,
          output_tokens: b.output,
          input_cached_tokens: b.cached,
          input_audio_tokens: 0,
          output_audio_tokens: 0,
          num_model_requests: b.requests,
          project_id: null,
          user_id: null,
          api_key_id: null,
          model: b.model,
          batch: null,
        },
      ],
    })),
    has_more: false,
    next_page: null,
  })

type AnthropicCost = { amount: string; model: string | null; costType: string; tokenType: string | null; description: string }

export const anthropicCostReport = (buckets: { day: string; results: AnthropicCost[] }[]) =>
  JSON.stringify({
    data: buckets.map((b) => ({
      starting_at: `${b.day}T00:00:00Z`,
      ending_at: new Date(Date.parse(`${b.day}T00:00:00Z`) + 86_400_000).toISOString().replace('.000Z', 'Z'),
      results: b.results.map((r) => ({
        currency: 'USD',
        amount: r.amount,
        workspace_id: null,
        description: r.description,
        cost_type: r.costType,
        context_window: r.tokenType ? '0-200k' : null,
        model: r.model,
        service_tier: r.tokenType ? 'standard' : null,
        token_type: r.tokenType,
      })),
    })),
    has_more: false,
    next_page: null,
  })

export const anthropicUsageReport = (buckets: { day: string; model: string; uncached: number; cache5m: number; cache1h: number; cacheRead: number; output: number }[]) =>
  JSON.stringify({
    data: buckets.map((b) => ({
      starting_at: `${b.day}T00:00:00Z`,
      ending_at: new Date(Date.parse(`${b.day}T00:00:00Z`) + 86_400_000).toISOString().replace('.000Z', 'Z'),
      results: [
        {
          uncached_input_tokens: b.uncached,
          cache_creation: { ephemeral_1h_input_tokens: b.cache1h, ephemeral_5m_input_tokens: b.cache5m },
          cache_read_input_tokens: b.cacheRead,
          output_tokens: b.output,
          server_tool_use: { web_search_requests: 0 },
          api_key_id: null,
          workspace_id: null,
          model: b.model,
          service_tier: 'standard',
          context_window: '0-200k',
        },
      ],
    })),
    has_more: false,
    next_page: null,
  })
