import type { DataClass, TaskType } from '@prisma/client'
import { documentCatalog, type DocumentModel } from '@/lib/catalog/document-catalog'
import { createRng, hashSeed, type Rng } from './create-rng'
import type { DemoUsageProfile, HourPattern, UsageMix } from './demo-usage-profiles'

// Pure and deterministic: the same profile and `now` always give the same events, so event ids
// (`demo-<team>-<n>`) are stable and a re-run of the seed inserts nothing new.

export interface DemoEvent {
  eventId: string
  ts: Date
  model: string
  provider: string | null
  inputTokens: number
  cacheReadTokens: number
  cacheWriteTokens: number
  outputTokens: number
  reasoningTokens: number
  task: TaskType
  dataClass: DataClass
  latencyMs: number
  tags: { feature: string; environment: 'prod' | 'staging' }
}

export interface GenerateOptions {
  now: Date
  days: number
}

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000

type Range = readonly [number, number]
const TASK_TOKENS: Record<TaskType, { input: Range; output: Range }> = {
  chat: { input: [300, 3000], output: [100, 800] },
  realtime: { input: [200, 1500], output: [50, 300] },
  extract: { input: [1000, 8000], output: [100, 600] },
  summarize: { input: [2000, 8000], output: [200, 1000] },
  batch: { input: [800, 6000], output: [200, 2000] },
  classify: { input: [200, 1200], output: [50, 150] },
  math: { input: [200, 2000], output: [200, 1500] },
  reasoning: { input: [500, 4000], output: [300, 2000] },
  code: { input: [500, 6000], output: [200, 2000] },
  translate: { input: [200, 3000], output: [200, 3000] },
  embedding: { input: [200, 2000], output: [50, 50] },
  other: { input: [200, 4000], output: [50, 1000] },
}

const HOUR_WEIGHTS: Record<HourPattern, readonly number[]> = {
  business: Array.from({ length: 24 }, (_, h) => (h >= 7 && h <= 18 ? 1 : h === 6 || (h >= 19 && h <= 21) ? 0.4 : 0.06)),
  extended: Array.from({ length: 24 }, (_, h) => (h >= 6 && h <= 22 ? 1 : 0.3)),
  nightly: Array.from({ length: 24 }, (_, h) => (h >= 1 && h <= 4 ? 2.5 : 0.7)),
}

const byName: ReadonlyMap<string, DocumentModel> = new Map(
  documentCatalog.flatMap((m) => [m.slug, ...m.aliases].map((name) => [name, m] as const)),
)

export function findDocumentModel(name: string): DocumentModel | undefined {
  return byName.get(name.toLowerCase())
}

function pickHour(rng: Rng, pattern: HourPattern): number {
  const weights = HOUR_WEIGHTS[pattern]
  const total = weights.reduce((s, w) => s + w, 0)
  let roll = rng.next() * total
  for (let h = 0; h < 24; h++) {
    roll -= weights[h] ?? 0
    if (roll < 0) return h
  }
  return 23
}

function pickMix(rng: Rng, mix: readonly UsageMix[]): UsageMix {
  const total = mix.reduce((s, m) => s + m.weight, 0)
  let roll = rng.next() * total
  for (const m of mix) {
    roll -= m.weight
    if (roll < 0) return m
  }
  const last = mix[mix.length - 1]
  if (!last) throw new Error('a usage profile needs at least one mix entry')
  return last
}

function isMonthEnd(day: Date): boolean {
  const next = new Date(day.getTime() + 3 * DAY_MS)
  return next.getUTCMonth() !== day.getUTCMonth()
}

function buildEvent(rng: Rng, mix: UsageMix, ts: Date): Omit<DemoEvent, 'eventId'> {
  const model = findDocumentModel(mix.model)
  const shape = TASK_TOKENS[mix.task]
  const promptTokens = rng.logInt(shape.input[0], shape.input[1])
  let outputTokens = rng.logInt(shape.output[0], shape.output[1])

  // Provider prompt caching starts at 1,024 tokens and grows in 128-token steps.
  let cacheReadTokens = 0
  if (promptTokens >= 1024 && rng.chance(mix.task === 'batch' ? 0.5 : 0.3)) {
    cacheReadTokens = 1024 + 128 * rng.int(0, Math.floor((promptTokens - 1024) / 128))
  }
  const cacheWriteTokens = model?.provider === 'anthropic' && rng.chance(0.12) ? rng.int(1024, 4096) : 0

  let reasoningTokens = 0
  if (model?.route === 'reasoning') {
    reasoningTokens = mix.task === 'classify' ? rng.logInt(300, 2000) : rng.logInt(1000, 12000)
    outputTokens = Math.min(outputTokens, 1200)
  }

  const latencyClass = model?.latencyClass ?? 'standard'
  const latencyMs =
    latencyClass === 'slow'
      ? rng.int(15_000, 60_000)
      : latencyClass === 'fast'
        ? rng.int(80, 900)
        : Math.round(300 + outputTokens * (8 + rng.next() * 12) + promptTokens * 0.05)

  return {
    ts,
    model: mix.model,
    provider: model?.provider ?? mix.provider ?? null,
    inputTokens: promptTokens - cacheReadTokens,
    cacheReadTokens,
    cacheWriteTokens,
    outputTokens,
    reasoningTokens,
    task: mix.task,
    dataClass: rng.weighted(mix.dataClasses),
    latencyMs,
    tags: { feature: mix.feature, environment: rng.chance(0.08) ? 'staging' : 'prod' },
  }
}

export function generateDemoEvents(profile: DemoUsageProfile, { now, days }: GenerateOptions): DemoEvent[] {
  const rng = createRng(hashSeed(`modelledger-demo:${profile.teamSlug}`))
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS
  const events: Array<Omit<DemoEvent, 'eventId'>> = []

  for (let i = 0; i < days; i++) {
    const daysAgo = days - 1 - i
    const dayStart = new Date(today - daysAgo * DAY_MS)
    const weekday = dayStart.getUTCDay() !== 0 && dayStart.getUTCDay() !== 6
    const trend = 1 + profile.growth * (days > 1 ? i / (days - 1) : 1)
    let volume = profile.weekdayCalls * trend * (weekday ? 1 : profile.weekendFactor) * (0.85 + rng.next() * 0.3)
    if (profile.monthEndFactor && isMonthEnd(dayStart)) volume *= profile.monthEndFactor

    for (let n = Math.round(volume); n > 0; n--) {
      const ts = new Date(dayStart.getTime() + pickHour(rng, profile.hours) * HOUR_MS + rng.int(0, HOUR_MS - 1))
      events.push(buildEvent(rng, pickMix(rng, profile.mix), ts))
    }

    const spike = profile.spike
    if (spike && spike.daysAgo === daysAgo) {
      const span = (spike.toHour - spike.fromHour) * HOUR_MS
      for (let n = 0; n < spike.calls; n++) {
        const ts = new Date(dayStart.getTime() + spike.fromHour * HOUR_MS + rng.int(0, span - 1))
        events.push(buildEvent(rng, spike.mix, ts))
      }
    }
  }

  return events
    .filter((e) => e.ts.getTime() <= now.getTime())
    .sort((a, b) => a.ts.getTime() - b.ts.getTime())
    .map((e, n) => ({ eventId: `demo-${profile.teamSlug}-${n + 1}`, ...e }))
}

/** A demo event as a client would post it to POST /api/v1/usage (flat token form). */
export function demoUsageEvent(e: DemoEvent): Record<string, unknown> {
  return {
    id: e.eventId,
    timestamp: e.ts.toISOString(),
    model: e.model,
    ...(e.provider ? { provider: e.provider } : {}),
    input_tokens: e.inputTokens,
    cache_read_tokens: e.cacheReadTokens,
    cache_write_tokens: e.cacheWriteTokens,
    output_tokens: e.outputTokens,
    reasoning_tokens: e.reasoningTokens,
    task: e.task,
    data_class: e.dataClass,
    latency_ms: e.latencyMs,
    tags: e.tags,
  }
}
