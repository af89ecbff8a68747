import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { POST as postLiteLlm } from '@/app/api/v1/integrations/litellm/route'
import { createApiKey } from '@/lib/auth/api-keys'
import { clearApiKeyCache } from '@/lib/auth/verify-api-key'
import { pool, prisma } from '@/lib/db'
import { seedCatalog } from '@/lib/demo/seed-catalog'
import { listAdvisedCalls } from '@/lib/advisor/list-advised-calls'
import { invalidatePricingSnapshot } from '@/lib/pricing/load-pricing-snapshot'
import { invalidatePolicyCatalog } from '@/lib/policy/load-policy-catalog'
import { closeProducerQueues } from '@/lib/queues'
import { anthropicPayload, failurePayload, openAiChatPayload } from '@/test/fixtures/litellm-standard-logging-payload'
import { applyTeamRollups, createTestTeam, randomSlug } from './fixtures'

type Body = { accepted: number; duplicates: number; rejected: number; results: { id: string; status: string; error?: string }[]; error?: { message: string } }

// The three log formats of LiteLLM's generic_api callback, as its logger writes them (safe_dumps of the
// queue, "\n".join for ndjson, one request per payload for single), all with Content-Type application/json.
const formats = {
  json_array: (payloads: unknown[]) => [JSON.stringify(payloads)],
  ndjson: (payloads: unknown[]) => [payloads.map((p) => JSON.stringify(p)).join('\n')],
  single: (payloads: unknown[]) => payloads.map((p) => JSON.stringify(p)),
} as const

async function post(key: string, body: string | Uint8Array, headers: Record<string, string> = {}): Promise<{ status: number; body: Body }> {
  const res = await postLiteLlm(
    new Request('http://localhost/api/v1/integrations/litellm', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...headers }, body: body as BodyInit }),
  )
  return { status: res.status, body: (await res.json()) as Body }
}

async function send(format: keyof typeof formats, key: string, payloads: unknown[]) {
  const answers = []
  for (const body of formats[format](payloads)) answers.push(await post(key, body))
  return answers
}

const nowSeconds = () => Date.now() / 1000 - 60

beforeAll(async () => {
  await seedCatalog(prisma)
  invalidatePricingSnapshot()
  invalidatePolicyCatalog()
})
afterAll(async () => {
  clearApiKeyCache()
  await closeProducerQueues()
})

describe('POST /api/v1/integrations/litellm', () => {
  it.each(Object.keys(formats) as (keyof typeof formats)[])('%s: lands each payload once, priced, with both costs; a re-post adds nothing', async (format) => {
    const { team, key } = await createTestTeam()
    const end = nowSeconds()
    const payloads = [openAiChatPayload(end), anthropicPayload(end - 10), failurePayload(end - 20)]
    const first = await send(format, key, payloads)
    for (const a of first) expect(a.status, JSON.stringify(a.body)).toBe(200)
    expect(first.reduce((n, a) => n + a.body.accepted, 0)).toBe(3)

    const rows = await prisma.usageEvent.findMany({ where: { teamId: team.id }, orderBy: { ts: 'desc' } })
    expect(rows.map((r) => r.eventId)).toEqual(payloads.map((p) => p.id))
    const [chat, claude, failed] = rows
    // gpt-4o at the document's $5 / 1M for every bucket: (1000 + 200 + 400 + 100) × 5 / 1e6 = 0.0085; LiteLLM said 0.00775.
    expect(chat).toMatchObject({ modelRaw: 'gpt-4o-2024-08-06', provider: 'openai', inputTokens: 1000, cacheReadTokens: 200, outputTokens: 400, reasoningTokens: 100, status: 'priced', task: 'chat', latencyMs: 1250 })
    expect(chat?.cost?.toString()).toBe('0.0085')
    expect(chat?.reportedCost?.toString()).toBe('0.00775')
    expect(chat?.ts.getTime()).toBe(Math.round(end * 1000))
    expect(chat?.tags).toEqual({ env: 'prod', beta: 'true', feature: 'ticket-summary' })
    // Claude 3.5 Sonnet at $3 / 1M: (100 + 900 + 50 + 250) × 3 / 1e6 = 0.0039.
    expect(claude).toMatchObject({ provider: 'anthropic', inputTokens: 100, cacheReadTokens: 900, cacheWriteTokens: 50, outputTokens: 250, status: 'priced' })
    expect(claude?.cost?.toString()).toBe('0.0039')
    expect(claude?.reportedCost?.toString()).toBe('0.0056175')
    // A failed call: counted, never spend.
    expect(failed).toMatchObject({ status: 'failed', cost: null, inputTokens: 0, outputTokens: 0, provider: 'openai' })
    expect(failed?.reportedCost?.toString()).toBe('0')

    const again = await send(format, key, payloads)
    expect(again.reduce((n, a) => n + a.body.duplicates, 0)).toBe(3)
    expect(await prisma.usageEvent.count({ where: { teamId: team.id } })).toBe(3)

    const { rows: sources } = await pool.query<{ source: string }>('SELECT DISTINCT source FROM ingest_batches WHERE team_id = $1', [team.id])
    expect(sources).toEqual([{ source: 'litellm' }])

    // The rollups count the failed call as a call, and only the two priced calls as spend.
    await applyTeamRollups(team.id)
    const { rows: daily } = await pool.query<{ calls: string; cost: string; unpriced: string }>(
      'SELECT sum(calls)::text AS calls, sum(cost)::text AS cost, sum(unpriced_calls)::text AS unpriced FROM rollups_daily WHERE team_id = $1',
      [team.id],
    )
    expect(daily[0]).toEqual({ calls: '3', cost: '0.012400000000000', unpriced: '0' })
  })

  it('accepts a gzip-compressed json_array and a one-line ndjson body', async () => {
    const { team, key } = await createTestTeam()
    const gz = await post(key, gzipSync(JSON.stringify([openAiChatPayload(nowSeconds())])), { 'content-encoding': 'gzip' })
    expect(gz.body).toMatchObject({ accepted: 1 })
    const one = await post(key, `${JSON.stringify(openAiChatPayload(nowSeconds()))}\n`, { 'content-type': 'application/x-ndjson' })
    expect(one.body).toMatchObject({ accepted: 1 })
    expect(await prisma.usageEvent.count({ where: { teamId: team.id } })).toBe(2)
  })

  it("task and data class come from request tags; the advised-calls list shows LiteLLM's cost beside ours", async () => {
    const { team, key } = await createTestTeam()
    // o1 for a classification is advised (a reasoning model on a simple task).
    const payload = { ...openAiChatPayload(nowSeconds(), { tags: ['task:classify', 'data_class:internal'] }), model: 'o1', response_cost: 0.0123 }
    expect((await post(key, JSON.stringify(payload))).body).toMatchObject({ accepted: 1 })
    const [call] = await listAdvisedCalls(pool, { teamIds: [team.id], from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 60_000) })
    expect(call).toMatchObject({ eventId: payload.id, task: 'classify', dataClass: 'internal', reportedCost: '0.012300000000000' })
    // o1 at the document's $20 / 1M: (1000 + 200 + 400 + 100) × 20 / 1e6 = 0.034
    expect(call?.cost).toBe('0.034000000000000')
  })

  it('a team key writes its own team whatever the metadata names', async () => {
    const { team, key } = await createTestTeam()
    const other = await prisma.team.create({ data: { slug: randomSlug('other'), name: 'Other' } })
    const res = await post(key, JSON.stringify([openAiChatPayload(nowSeconds(), { teamAlias: other.slug })]))
    expect(res.body).toMatchObject({ accepted: 1 })
    expect(await prisma.usageEvent.count({ where: { teamId: team.id } })).toBe(1)
    expect(await prisma.usageEvent.count({ where: { teamId: other.id } })).toBe(0)
  })

  it('an org key with usage:write:all writes the team the metadata names (slug or name); others are refused per payload', async () => {
    const a = await prisma.team.create({ data: { slug: randomSlug('la'), name: `Search ${randomSlug()}` } })
    const b = await prisma.team.create({ data: { slug: randomSlug('lb'), name: 'B' } })
    const { key } = await createApiKey(prisma, { teamId: null, name: randomSlug('org'), scopes: ['usage:write:all'], actor: { name: 'test' } })
    const end = nowSeconds()
    const payloads = [openAiChatPayload(end, { teamAlias: a.name.toUpperCase() }), anthropicPayload(end, { teamAlias: b.slug }), openAiChatPayload(end, { teamAlias: 'no-such-team' }), openAiChatPayload(end)]
    const res = await post(key, JSON.stringify(payloads))
    expect(res.status).toBe(207)
    expect(res.body.results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'rejected', 'rejected'])
    expect(res.body.results[2]?.error).toMatch(/^payloads\[2\]\.metadata\.user_api_key_team_alias: no ModelLedger team 'no-such-team'/)
    expect(res.body.results[3]?.error).toMatch(/^payloads\[3\]\.metadata: an org-wide key needs user_api_key_team_alias/)
    expect(await prisma.usageEvent.count({ where: { teamId: a.id } })).toBe(1)
    expect(await prisma.usageEvent.count({ where: { teamId: b.id } })).toBe(1)

    const readOnly = await createApiKey(prisma, { teamId: null, name: randomSlug('org'), actor: { name: 'test' } })
    const refused = await post(readOnly.key, JSON.stringify(payloads))
    expect(refused.status).toBe(403)
    expect(refused.body.error?.message).toMatch(/usage:write or usage:write:all/)
  })

  it('says which payload is wrong and where, and stores the rest', async () => {
    const { team, key } = await createTestTeam()
    const good = openAiChatPayload(nowSeconds())
    const res = await post(key, JSON.stringify([{ ...openAiChatPayload(nowSeconds()), endTime: 'yesterday' }, { ...openAiChatPayload(nowSeconds()), model: '', model_group: null }, good, 42]))
    expect(res.status).toBe(207)
    expect(res.body.results.map((r) => r.error ?? r.status)).toEqual([
      expect.stringMatching(/^payloads\[0\]\.endTime: /),
      expect.stringMatching(/^payloads\[1\]: model or model_group is required/),
      'accepted',
      expect.stringMatching(/^payloads\[3\]: /),
    ])
    expect(await prisma.usageEvent.count({ where: { teamId: team.id } })).toBe(1)
  })

  it('refuses bodies that are not StandardLoggingPayload JSON', async () => {
    const { key } = await createTestTeam()
    expect((await post(key, '')).status).toBe(400)
    expect((await post(key, '"text"')).body.error?.message).toMatch(/expected a StandardLoggingPayload object/)
    const badLine = await post(key, `${JSON.stringify(openAiChatPayload(nowSeconds()))}\n{"id":`)
    expect(badLine.status).toBe(400)
    expect(badLine.body.error?.message).toMatch(/malformed NDJSON: line 2/)
    expect((await post(key, '[]', { 'content-type': 'text/plain' })).status).toBe(415)
  })
})
