// `npx tsx bench/otlp-encodings.ts [--requests 40] [--runs 3] [--url http://localhost:3000]`: OTLP/HTTP
// spans per second through the traces endpoint (API key, decode, the ingest write path, PostgreSQL),
// protobuf beside JSON in one run, 500 GenAI spans per request: over HTTP to a running server (`npm run
// start` on the same database) with --url, else through the route handler in this process. Requests alternate encodings so a busy neighbour slows both;
// the ratio is taken per run. Needs DATABASE_URL / REDIS_URL (a database with the migrations applied);
// writes a throwaway team there. Self-contained: not (yet) a module of the bench harness.
import 'dotenv/config'
import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import { performance } from 'node:perf_hooks'
import { POST as postTraces } from '@/app/api/v1/otlp/v1/traces/route'
import { createApiKey } from '@/lib/auth/api-keys'
import { pool, prisma } from '@/lib/db'
import { seedCatalog } from '@/lib/demo/seed-catalog'
import { parseJsonBytes } from '@/lib/http/read-json-body'
import { parseOtlpTraces } from '@/lib/ingest/parse-otlp-traces'
import { decodeOtlpTraceRequest } from '@/lib/otlp/decode-otlp-trace-request'
import { ExportTraceServiceRequest } from '@/lib/otlp/otlp-messages'
import { closeProducerQueues } from '@/lib/queues'

const SPANS_PER_REQUEST = 500
const { values } = parseArgs({ options: { requests: { type: 'string', default: '40' }, runs: { type: 'string', default: '3' }, url: { type: 'string' } } })
const requests = Number(values.requests)
const runs = Number(values.runs)

type Encoding = 'json' | 'protobuf'

/** One request's spans, as an OTel SDK would export them (ids unique per request, so every span is stored). */
function spans(seq: number) {
  const now = BigInt(Date.now() - 60_000) * 1_000_000n
  const traceId = randomBytes(16)
  return Array.from({ length: SPANS_PER_REQUEST }, (_, i) => ({
    traceId,
    spanId: Buffer.from((seq * SPANS_PER_REQUEST + i + 1).toString(16).padStart(16, '0'), 'hex'),
    name: 'chat gpt-4o',
    kind: 3,
    startTimeUnixNano: String(now - 1_500_000_000n),
    endTimeUnixNano: String(now),
    attributes: [
      { key: 'gen_ai.operation.name', value: { stringValue: 'chat' } },
      { key: 'gen_ai.provider.name', value: { stringValue: 'openai' } },
      { key: 'gen_ai.request.model', value: { stringValue: 'gpt-4o' } },
      { key: 'gen_ai.response.model', value: { stringValue: 'gpt-4o-2024-08-06' } },
      { key: 'gen_ai.usage.input_tokens', value: { intValue: String(1000 + i) } },
      { key: 'gen_ai.usage.cache_read.input_tokens', value: { intValue: '200' } },
      { key: 'gen_ai.usage.output_tokens', value: { intValue: '300' } },
    ],
    status: {},
  }))
}

function body(encoding: Encoding, seq: number): Uint8Array {
  const resource = { attributes: [{ key: 'service.name', value: { stringValue: 'bench' } }] }
  const list = spans(seq)
  if (encoding === 'protobuf') return ExportTraceServiceRequest.encode(ExportTraceServiceRequest.fromObject({ resourceSpans: [{ resource, scopeSpans: [{ scope: { name: 'bench' }, spans: list }] }] })).finish()
  // OTLP/JSON: ids in hex, as the JSON exporter writes them.
  const json = list.map((s) => ({ ...s, traceId: s.traceId.toString('hex'), spanId: s.spanId.toString('hex') }))
  return Buffer.from(JSON.stringify({ resourceSpans: [{ resource, scopeSpans: [{ scope: { name: 'bench' }, spans: json }] }] }))
}

async function send(key: string, encoding: Encoding, bytes: Uint8Array): Promise<number> {
  const type = encoding === 'protobuf' ? 'application/x-protobuf' : 'application/json'
  const start = performance.now()
  const init = { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': type }, body: bytes as BodyInit }
  const res = values.url ? await fetch(`${values.url}/api/v1/otlp/v1/traces`, init) : await postTraces(new Request('http://bench/api/v1/otlp/v1/traces', init))
  await res.arrayBuffer()
  const ms = performance.now() - start
  if (res.status !== 200) throw new Error(`${encoding}: HTTP ${res.status}`)
  return ms
}

/**
 * The only stage where the encodings differ: body bytes → events (decode + parseOtlpTraces), best of
 * several rounds of 20, alternating, so it is not lost in the noise of the database write.
 */
function parseStageMs(): Record<Encoding, number> {
  const bytes = { json: body('json', 0), protobuf: body('protobuf', 0) }
  const run = { json: () => parseOtlpTraces(parseJsonBytes(bytes.json)), protobuf: () => parseOtlpTraces(decodeOtlpTraceRequest(bytes.protobuf)) }
  const best = { json: Infinity, protobuf: Infinity }
  for (let round = 0; round < 15; round++)
    for (const e of ['json', 'protobuf'] as const) {
      const start = performance.now()
      for (let i = 0; i < 20; i++) run[e]()
      best[e] = Math.min(best[e], (performance.now() - start) / 20)
    }
  return best
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number

async function main() {
  await seedCatalog(prisma)
  const team = await prisma.team.create({ data: { slug: `bench-otlp-${randomBytes(4).toString('hex')}`, name: 'OTLP encodings bench' } })
  const { key } = await createApiKey(prisma, { teamId: team.id, name: 'bench', actor: { name: 'bench' } })
  let seq = 0
  const sizes = { json: body('json', 0).length, protobuf: body('protobuf', 0).length }
  // Warm-up: JIT, the pricing snapshot, the prepared statement on each pooled connection.
  for (let i = 0; i < 4; i++) for (const e of ['json', 'protobuf'] as const) await send(key, e, body(e, ++seq))
  const perRun: { json: number; protobuf: number; ratio: number }[] = []
  for (let r = 0; r < runs; r++) {
    const ms = { json: 0, protobuf: 0 }
    // Every body of the run is made first: encoding is the exporter's cost (and its garbage would be
    // collected inside the endpoint's time), not the endpoint's.
    const bodies = Array.from({ length: requests }, () => ({ json: body('json', ++seq), protobuf: body('protobuf', ++seq) }))
    for (let i = 0; i < requests; i++) {
      const order: Encoding[] = i % 2 === 0 ? ['json', 'protobuf'] : ['protobuf', 'json']
      for (const e of order) ms[e] += await send(key, e, (bodies[i] as Record<Encoding, Uint8Array>)[e])
    }
    const rate = (m: number) => (requests * SPANS_PER_REQUEST) / (m / 1000)
    perRun.push({ json: rate(ms.json), protobuf: rate(ms.protobuf), ratio: rate(ms.protobuf) / rate(ms.json) })
    console.log(`run ${r + 1}: JSON ${rate(ms.json).toFixed(0)} spans/s, protobuf ${rate(ms.protobuf).toFixed(0)} spans/s`)
  }
  const stage = parseStageMs()
  const stored = await prisma.usageEvent.count({ where: { teamId: team.id } })
  console.log(`\n${stored} spans stored (expected ${seq * SPANS_PER_REQUEST}); body per request: JSON ${(sizes.json / 1024).toFixed(0)} kB, protobuf ${(sizes.protobuf / 1024).toFixed(0)} kB`)
  const f = (xs: number[], d = 0) => `${median(xs).toFixed(d)} (${Math.min(...xs).toFixed(d)}–${Math.max(...xs).toFixed(d)})`
  console.log(`\nthrough: ${values.url ? `HTTP, ${values.url}` : 'the route handler, in process'}`)
  console.log('\n| encoding | spans/s, median (min–max) over runs | body per 500 spans |')
  console.log('| --- | ---: | ---: |')
  console.log(`| OTLP/HTTP JSON | ${f(perRun.map((p) => p.json))} | ${(sizes.json / 1024).toFixed(0)} kB |`)
  console.log(`| OTLP/HTTP protobuf | ${f(perRun.map((p) => p.protobuf))} | ${(sizes.protobuf / 1024).toFixed(0)} kB |`)
  console.log(`| protobuf ÷ JSON (per run) | ${f(perRun.map((p) => p.ratio), 2)} | |`)
  console.log(`\nbody → events per 500 spans (decode + parseOtlpTraces, best of 15 × 20): JSON ${stage.json.toFixed(2)} ms, protobuf ${stage.protobuf.toFixed(2)} ms`)
  await pool.query('DELETE FROM usage_events WHERE team_id = $1', [team.id])
}

main()
  .catch((err: unknown) => {
    console.error(err)
    process.exitCode = 1
  })
  .finally(async () => {
    await closeProducerQueues()
    await prisma.$disconnect()
    await pool.end()
  })
