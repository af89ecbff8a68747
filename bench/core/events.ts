// The synthetic usage events every ingest benchmark sends: a realistic mix of models and usage shapes,
// generated once as templates so that producing a request body costs a buffer copy plus 500 small
// writes (the load generator must never be the bottleneck; it measures and reports its own cost).
//
// Event ids are `<tag>-<seq>-<index>`: tag names the generator run, seq (7 digits) the request, index the
// event in the request. Patching the seq digits into a copy of the template makes every request unique.

export const BATCH_SIZE = 500
export const SEQ_DIGITS = 7
const PLACEHOLDER = '#'.repeat(SEQ_DIGITS)

type Shape = 'flat' | 'openai_chat' | 'openai_reasoning' | 'deepseek_chat' | 'anthropic'
type ModelMix = { model: string; provider?: string; shape: Shape; weight: number }

/** gpt-4o-mini is deliberately not in the catalog: it is stored unpriced (and priced later). */
export const MODEL_MIX: readonly ModelMix[] = [
  { model: 'gpt-4o', provider: 'openai', shape: 'openai_chat', weight: 20 },
  { model: 'gpt-4o-2024-08-06', shape: 'flat', weight: 10 },
  { model: 'deepseek-chat', provider: 'deepseek', shape: 'deepseek_chat', weight: 15 },
  { model: 'o1', provider: 'openai', shape: 'openai_reasoning', weight: 10 },
  { model: 'claude-3-5-sonnet-20241022', provider: 'anthropic', shape: 'anthropic', weight: 25 },
  { model: 'gpt-4o-mini', provider: 'openai', shape: 'flat', weight: 20 },
]

const TASKS = ['chat', 'code', 'summarize', 'extract', 'classify', 'reasoning'] as const
const DATA_CLASSES = ['public', 'internal', 'confidential'] as const

/** Small deterministic PRNG (mulberry32), so every run sends the same mix. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function pick<T extends { weight: number }>(items: readonly T[], r: number): T {
  const total = items.reduce((s, i) => s + i.weight, 0)
  let x = r * total
  for (const i of items) {
    x -= i.weight
    if (x < 0) return i
  }
  return items[items.length - 1] as T
}

function usageFor(shape: Shape, rnd: () => number): Record<string, unknown> {
  const n = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo))
  const prompt = n(200, 6000)
  const completion = n(20, 1500)
  switch (shape) {
    case 'flat':
      return { input_tokens: prompt, output_tokens: completion }
    case 'openai_chat': {
      const cached = rnd() < 0.4 ? Math.floor(prompt * 0.5) : 0
      return { usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion, prompt_tokens_details: { cached_tokens: cached } } }
    }
    case 'openai_reasoning': {
      const reasoning = n(100, 4000)
      return {
        usage: {
          prompt_tokens: prompt,
          completion_tokens: completion + reasoning,
          total_tokens: prompt + completion + reasoning,
          prompt_tokens_details: { cached_tokens: 0 },
          completion_tokens_details: { reasoning_tokens: reasoning },
        },
      }
    }
    case 'deepseek_chat': {
      const hit = rnd() < 0.5 ? Math.floor(prompt * 0.6) : 0
      return { usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion, prompt_cache_hit_tokens: hit, prompt_cache_miss_tokens: prompt - hit } }
    }
    case 'anthropic': {
      const read = rnd() < 0.5 ? n(500, 4000) : 0
      const write = rnd() < 0.15 ? n(100, 2000) : 0
      return { usage: { input_tokens: prompt, output_tokens: completion, cache_read_input_tokens: read, cache_creation_input_tokens: write } }
    }
  }
}

/**
 * One batch of events in the public API shape. `id(i)` names event i; timestamps fall in the last
 * three hours before `now` (so the rollups touch a few hourly buckets, as in real traffic).
 */
export function makeEvents(count: number, opts: { seed: number; now: number; id: (i: number) => string; probeModel?: string }): Record<string, unknown>[] {
  const rnd = prng(opts.seed)
  const out: Record<string, unknown>[] = []
  for (let i = 0; i < count; i++) {
    const m = pick(MODEL_MIX, rnd())
    const e: Record<string, unknown> = {
      id: opts.id(i),
      timestamp: new Date(opts.now - 60_000 - Math.floor(rnd() * 3 * 3_600_000)).toISOString(),
      model: i === 0 && opts.probeModel ? opts.probeModel : m.model,
      ...(m.provider ? { provider: m.provider } : {}),
      ...usageFor(m.shape, rnd),
      latency_ms: 150 + Math.floor(rnd() * 9000),
      task: TASKS[Math.floor(rnd() * TASKS.length)],
    }
    if (rnd() < 0.5) e.data_class = DATA_CLASSES[Math.floor(rnd() * DATA_CLASSES.length)]
    if (rnd() < 0.5) e.tags = { service: `svc-${Math.floor(rnd() * 12)}`, env: rnd() < 0.8 ? 'prod' : 'staging' }
    out.push(e)
  }
  return out
}

/** Event id as sent: `<tag>-<seq>-<index>`. */
export function eventId(tag: string, seq: number | string, index: number): string {
  const s = typeof seq === 'number' ? String(seq).padStart(SEQ_DIGITS, '0') : seq
  return `${tag}-${s}-${String(index).padStart(3, '0')}`
}

/** The seq part of an event id (inverse of eventId), for SQL: substring(event_id from start for SEQ_DIGITS). */
export function seqSqlStart(tag: string): number {
  return tag.length + 2
}

/**
 * Pre-rendered JSON bodies `{"events":[…]}` with the request number left as a placeholder in every
 * event id (and in the probe model name when asked). render(seq) copies one and fills the digits in.
 */
export class BodyTemplates {
  private readonly templates: { buf: Buffer; offsets: number[] }[] = []
  private readonly probeTemplates: { buf: Buffer; offsets: number[] }[] = []

  constructor(readonly tag: string, opts: { variants?: number; now?: number; batchSize?: number } = {}) {
    if (!/^[a-z0-9]{1,12}$/.test(tag)) throw new Error(`bad tag '${tag}'`)
    const variants = opts.variants ?? 8
    const now = opts.now ?? Date.now()
    const size = opts.batchSize ?? BATCH_SIZE
    for (let v = 0; v < variants; v++) {
      for (const probe of [false, true]) {
        const events = makeEvents(size, { seed: 1000 + v, now, id: (i) => eventId(tag, PLACEHOLDER, i), probeModel: probe ? probeModel(tag, PLACEHOLDER) : undefined })
        const buf = Buffer.from(JSON.stringify({ events }), 'latin1')
        const offsets: number[] = []
        for (let at = buf.indexOf(PLACEHOLDER); at >= 0; at = buf.indexOf(PLACEHOLDER, at + SEQ_DIGITS)) offsets.push(at)
        ;(probe ? this.probeTemplates : this.templates).push({ buf, offsets })
      }
    }
  }

  render(seq: number, probe = false): Buffer {
    const list = probe ? this.probeTemplates : this.templates
    const t = list[seq % list.length]!
    const out = Buffer.allocUnsafe(t.buf.length)
    t.buf.copy(out)
    const digits = String(seq).padStart(SEQ_DIGITS, '0')
    if (digits.length > SEQ_DIGITS) throw new Error(`request number ${seq} does not fit ${SEQ_DIGITS} digits`)
    for (const off of t.offsets) out.write(digits, off, SEQ_DIGITS, 'latin1')
    return out
  }

  get bodyBytes(): number {
    return this.templates[0]!.buf.length
  }
}

/** The unmatched model name carried by event 0 of a probe batch: its own row in rollups_hourly. */
export function probeModel(tag: string, seq: number | string): string {
  const s = typeof seq === 'number' ? String(seq).padStart(SEQ_DIGITS, '0') : seq
  return `bench-probe-${tag}-${s}`
}
