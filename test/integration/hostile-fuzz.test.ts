import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { POST as postOtlp } from '@/app/api/v1/otlp/v1/traces/route'
import { POST as postUsage } from '@/app/api/v1/usage/route'
import { pool, prisma } from '@/lib/db'
import { OtlpShapeError, parseOtlpTraces } from '@/lib/ingest/parse-otlp-traces'
import { nastyString, otlpRequestTree, renderJson } from '@/test/hostile/arbitraries'
import { createTestTeam, usageRequest } from './fixtures'

// Property tests through the real route handlers and PostgreSQL (issue #8): whatever strings a client
// sends, the answer is never a 5xx, the rows stored are exactly the events acknowledged, and what is
// stored is byte for byte what was sent.

let team: { id: number }
let key: string

beforeAll(async () => {
  ;({ team, key } = await createTestTeam())
})

const rowCount = () => prisma.usageEvent.count({ where: { teamId: team.id } })

type Sent = { id: string; timestamp: string; model: string; provider?: string; input_tokens: number; output_tokens: number; tags?: Record<string, string> }
type Answer = { accepted: number; duplicates: number; rejected: number; results: { id: string; status: string; error?: string }[] }

/** Posts events and checks: no 5xx, rows stored = accepted, and each accepted event stored exactly as sent. */
async function postAndCheck(events: Sent[]) {
  const before = await rowCount()
  const res = await postUsage(usageRequest(key, { events }))
  const text = await res.text()
  expect(res.status, text.slice(0, 300)).toBeLessThan(500)
  expect([200, 207]).toContain(res.status)
  const body = JSON.parse(text) as Answer
  expect((await rowCount()) - before).toBe(body.accepted)
  const accepted = events.filter((_, i) => body.results[i]?.status === 'accepted')
  if (accepted.length === 0) return body
  const { rows } = await pool.query<{ event_id: string; model_raw: string; provider: string | null; tags: Record<string, string> | null }>(
    'SELECT event_id, model_raw, provider, tags FROM usage_events WHERE team_id = $1 AND event_id = ANY($2::text[])',
    [team.id, accepted.map((e) => e.id)],
  )
  const stored = new Map(rows.map((r) => [r.event_id, r]))
  for (const e of accepted) {
    const row = stored.get(e.id)
    expect(row, `event ${JSON.stringify(e.id)} acknowledged but not stored under that id`).toBeDefined()
    expect(row!.model_raw).toBe(e.model.trim())
    if (e.provider !== undefined) expect(row!.provider).toBe(e.provider.trim().toLowerCase())
    if (e.tags !== undefined) expect(row!.tags).toEqual(e.tags)
  }
  return body
}

/** The events a request parses into; none when its shape is refused (the route answers 422). */
function parsedEvents(text: string) {
  try {
    return parseOtlpTraces(JSON.parse(text) as unknown).events
  } catch (e) {
    if (e instanceof OtlpShapeError) return []
    throw e
  }
}

const recent = () => new Date(Date.now() - 60_000).toISOString()
let serial = 0

function eventsFrom(strings: fc.Arbitrary<string>) {
  return fc.array(
    fc.record({ id: strings, model: strings, provider: fc.option(strings, { nil: undefined }), tag: fc.option(fc.tuple(strings, strings), { nil: undefined }) }),
    { minLength: 1, maxLength: 5 },
  )
}

function toEvents(drawn: { id: string; model: string; provider?: string; tag?: [string, string] }[]): Sent[] {
  const run = `f${++serial}-${Date.now().toString(36)}`
  return drawn.map((d) => ({
    id: `${run}-${d.id}`,
    timestamp: recent(),
    model: `m-${d.model}`,
    ...(d.provider !== undefined ? { provider: `p${d.provider}` } : {}),
    input_tokens: 5,
    output_tokens: 1,
    ...(d.tag ? { tags: { [`k${d.tag[0]}`]: d.tag[1] } } : {}),
  }))
}

describe('ingest property tests against PostgreSQL', () => {
  it('well-formed Unicode anywhere: acknowledged events are stored byte for byte', async () => {
    const wellFormed = fc.string({ unit: 'binary', maxLength: 12 }).filter((s) => s.isWellFormed() && !s.includes('\u0000'))
    await fc.assert(
      fc.asyncProperty(eventsFrom(wellFormed), async (drawn) => {
        await postAndCheck(toEvents(drawn))
      }),
      { numRuns: 40 },
    )
  })

  // PostgreSQL text holds neither NUL nor lone surrogates: such an event must be refused on its own, not
  // fail the batch (a 500) or collide with another id in one row.
  it('NUL and lone surrogates: a per-event rejection, never a 500 or a merged row', async () => {
    await fc.assert(
      fc.asyncProperty(eventsFrom(nastyString), async (drawn) => {
        const events = toEvents(drawn)
        const body = await postAndCheck(events)
        body.results.forEach((r, i) => {
          if (r.status === 'rejected') expect(r.error).toMatch(new RegExp(`^events\\[${i}\\]`))
        })
      }),
      { numRuns: 40 },
    )
  })

  it('OTLP requests with hostile values anywhere: never a 5xx, rows = the spans that became new events', async () => {
    await fc.assert(
      fc.asyncProperty(otlpRequestTree, async (tree) => {
        const text = renderJson(tree)
        // Ids of spans that parse into events; some may repeat ids stored by an earlier run (duplicates).
        const ids = [...new Set(parsedEvents(text).map((e) => String(e.id)))]
        const already = await prisma.usageEvent.count({ where: { teamId: team.id, eventId: { in: ids } } })
        const before = await rowCount()
        const res = await postOtlp(usageRequest(key, null, { raw: text, path: '/api/v1/otlp/v1/traces' }))
        const answer = await res.text()
        expect(res.status, answer.slice(0, 300)).toBeLessThan(500)
        const stored = (await rowCount()) - before
        if (res.status !== 200) {
          expect(res.status).toBe(422)
          expect(stored).toBe(0)
          return
        }
        // No more rows than new spans that parsed into events; an answer of {} means every one of them.
        expect(stored).toBeLessThanOrEqual(ids.length - already)
        const parsed = JSON.parse(answer) as { partialSuccess?: { rejectedSpans: number; errorMessage: string } }
        if (!parsed.partialSuccess) expect(stored).toBe(ids.length - already)
        else expect(parsed.partialSuccess.errorMessage).toMatch(/^resourceSpans\[\d+\]/)
      }),
      { numRuns: 60 },
    )
  })
})
