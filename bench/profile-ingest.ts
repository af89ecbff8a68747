// The CPU cost of the ingest route's in-process work per 500-event batch, without a database or a
// server: body decode + JSON.parse, the envelope check, prepareEvents with the policy advice (document
// catalog and prices, fake ids, an empty team policy), and the response body.
//   npx tsx bench/profile-ingest.ts [rounds]
//   node --import tsx --cpu-prof --cpu-prof-dir=.run/bench/prof bench/profile-ingest.ts 400 --prepare-only
import { performance } from 'node:perf_hooks'
import { buildModelMatcher, type CatalogModel } from '@/lib/catalog/match-model'
import { documentCatalog } from '@/lib/catalog/document-catalog'
import { prepareEvents } from '@/lib/ingest/prepare-events'
import type { AdvisableEvent } from '@/lib/policy/types'
import { usageEnvelopeSchema } from '@/lib/ingest/usage-event-schema'
import { adviceFrom } from '@/lib/policy/choose-advice'
import { subjectFromEvent, topFinding } from '@/lib/policy/evaluate-policy'
import { fixtureContext, fixtureModels } from '@/lib/policy/test-fixtures'
import { BodyTemplates } from './core/events'
import { median } from './core/stats'

const policy = fixtureContext()
// The matcher and the policy catalog must agree on ids: both come from the document catalog's order.
const models: CatalogModel[] = documentCatalog.map((m, i) => ({ id: fixtureModels[i]!.id, slug: m.slug, provider: m.provider, aliases: m.aliases }))
const matchModel = buildModelMatcher(models)
// As lib/policy/advise-for-team.ts advises each event.
const advise = (e: AdvisableEvent) => adviceFrom(topFinding(subjectFromEvent(e), policy), policy.catalog)
const templates = new BodyTemplates('prof', { variants: 8 })
const bodies = Array.from({ length: 16 }, (_, i) => templates.render(i))
const parsed = bodies.map((b) => (JSON.parse(b.toString('utf8')) as { events: unknown[] }).events)
const ctx = { teamId: 1, now: new Date(), maxAgeMs: 35 * 86_400_000, maxFutureMs: 300_000, matchModel, prices: policy.prices }
const rounds = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 100)
const prepareOnly = process.argv.includes('--prepare-only')

function time(label: string, fn: (i: number) => unknown): number {
  for (let i = 0; i < 20; i++) fn(i % bodies.length)
  const samples: number[] = []
  for (let i = 0; i < rounds; i++) {
    const s = process.cpuUsage()
    fn(i % bodies.length)
    const d = process.cpuUsage(s)
    samples.push((d.user + d.system) / 1000)
  }
  const ms = median(samples)
  process.stdout.write(`${label.padEnd(52)} ${ms.toFixed(2).padStart(7)} ms/batch (CPU)\n`)
  return ms
}

const t0 = performance.now()
time('prepareEvents with advice', (i) => prepareEvents(parsed[i]!, { ...ctx, advise }))
if (!prepareOnly) {
  time('prepareEvents without advice', (i) => prepareEvents(parsed[i]!, ctx))
  time('decode + JSON.parse', (i) => JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bodies[i]!)))
  time('envelope schema', (i) => usageEnvelopeSchema.safeParse({ events: parsed[i]! }))
  const results = prepareEvents(parsed[0]!, ctx).results
  time('response JSON.stringify', () => JSON.stringify({ accepted: results.length, duplicates: 0, rejected: 0, results }))
}
process.stdout.write(`(${((performance.now() - t0) / 1000).toFixed(1)} s)\n`)
