import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { POST as postBill } from '@/app/api/v1/bills/route'
import { GET as getReconciliation } from '@/app/api/v1/bills/reconciliation/route'
import { createApiKey } from '@/lib/auth/api-keys'
import { clearApiKeyCache } from '@/lib/auth/verify-api-key'
import { prisma } from '@/lib/db'
import { closeProducerQueues } from '@/lib/queues'
import { runLedger } from '@/scripts/cli/run-ledger'
import { createBillModel, daysAgo, hex, trackCalls } from './bill-fixtures'
import { createTestTeam } from './fixtures'

// `ledger bills import|show` and the two API endpoints over the same bill: they print the same rows to
// the last decimal, because one function computes them.

async function ledger(...args: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runLedger(args, { out: (line = '') => (stdout += `${line}\n`), err: (line) => (stderr += `${line}\n`) })
  return { code, stdout, stderr }
}

const actor = { name: 'bills-cli-test' }
const D = daysAgo(6)
const provider = `cli-${hex()}`
const slug = `cli-m-${hex()}`
let dir: string
let orgKey: string
let billsKey: string

beforeAll(async () => {
  const { team } = await createTestTeam()
  // $0.5 / 1M input, $1.5 / 1M output: 3 calls of 2000 + 1000 tokens = 3 × $0.0025 = $0.0075.
  await createBillModel({ provider, slug, aliases: [`${slug}-2025-01-01`], input: '0.5', output: '1.5' })
  await trackCalls(team.id, slug, D.day, 3, { input: 2000, output: 1000 })
  dir = await mkdtemp(path.join(tmpdir(), 'bills-'))
  orgKey = (await createApiKey(prisma, { teamId: null, name: `org-${hex()}`, actor })).key
  billsKey = (await createApiKey(prisma, { teamId: null, name: `bills-${hex()}`, scopes: ['bills:write'], actor })).key
})
afterAll(async () => {
  clearApiKeyCache()
  await closeProducerQueues()
})

describe('ledger bills', () => {
  it('import --dry-run writes nothing; import loads; a second import changes nothing', async () => {
    const file = path.join(dir, 'bill.csv')
    await writeFile(file, `date,provider,model,cost,tokens\n${D.day},${provider},${slug}-2025-01-01,0.009,9000\n`)
    const dry = await ledger('bills', 'import', file, '--provider', 'csv', '--dry-run', '--json')
    expect(dry.code).toBe(0)
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, inserted: 1, importId: null })
    expect(await prisma.providerBillLine.count({ where: { provider } })).toBe(0)

    const loaded = await ledger('bills', 'import', file, '--provider', 'csv')
    expect(loaded).toMatchObject({ code: 0, stderr: '' })
    expect(loaded.stdout).toContain(`Loaded 1 line(s) for ${D.day}..${D.day}: 1 new, 0 changed, 0 unchanged`)
    const again = await ledger('bills', 'import', file, '--provider', 'csv')
    expect(again.stdout).toContain('0 new, 0 changed, 1 unchanged')
  })

  it('show --json prints exactly the documented rows and totals, equal to the API to the last decimal', async () => {
    const shown = await ledger('bills', 'show', '--from', D.day, '--to', D.day, '--provider', provider, '--json')
    expect(shown.code).toBe(0)
    const json = JSON.parse(shown.stdout) as { rows: Record<string, unknown>[]; totals: Record<string, unknown> }
    expect(Object.keys(json)).toEqual(['rows', 'totals'])
    // Billed $0.009 for 9000 tokens; tracked $0.0075 for 9000: capture 0.0075 / 0.009 = 0.833333.
    expect(json.rows).toEqual([
      { date: D.day, provider, model: slug, billed_usd: '0.009', tracked_usd: '0.0075', capture_rate: '0.833333', billed_tokens: 9000, tracked_tokens: 9000 },
    ])
    expect(json.totals).toEqual({ billed_usd: '0.009', tracked_usd: '0.0075', capture_rate: '0.833333', billed_tokens: 9000, tracked_tokens: 9000, rows: 1 })

    const res = await getReconciliation(new Request(`http://localhost/api/v1/bills/reconciliation?from=${D.day}&to=${D.day}&provider=${provider}`, { headers: { authorization: `Bearer ${orgKey}` } }))
    expect(res.status).toBe(200)
    const api = (await res.json()) as { rows: unknown[]; totals: unknown; gaps: { kind: string }[] }
    expect(api.rows).toEqual(json.rows)
    expect(api.totals).toEqual(json.totals)
    expect(api.gaps).toMatchObject([{ kind: 'price_drift', gap_usd: '0.0015' }])

    const table = await ledger('bills', 'show', '--from', D.day, '--to', D.day, '--provider', provider)
    expect(table.stdout).toContain('83.33%')
    expect(table.stdout).toContain('price_drift')
  })

  it('usage errors: no file, unknown provider format, missing window', async () => {
    expect((await ledger('bills', 'import', '--provider', 'csv')).code).toBe(2)
    expect((await ledger('bills', 'import', path.join(dir, 'bill.csv'), '--provider', 'aws')).stderr).toContain('--provider must be one of openai, anthropic, csv')
    expect((await ledger('bills', 'show', '--from', D.day)).stderr).toContain('give --from and --to')
    const bad = await ledger('bills', 'show', '--from', '2025-02-30', '--to', D.day)
    expect(bad.code).not.toBe(0)
    expect(bad.stderr).toContain("from '2025-02-30' is not a day")
  })
})

describe('POST /api/v1/bills', () => {
  const post = (key: string | null, body: string, query = 'provider=csv') =>
    postBill(new Request(`http://localhost/api/v1/bills?${query}`, { method: 'POST', headers: { 'content-type': 'text/csv', ...(key ? { authorization: `Bearer ${key}` } : {}) }, body }))

  it('needs an org key with bills:write: none is 401, spend:read:all alone is 403', async () => {
    expect((await post(null, 'x')).status).toBe(401)
    const res = await post(orgKey, 'x')
    expect(res.status).toBe(403)
    expect(await res.json()).toEqual({ error: { code: 'forbidden', message: 'this API key lacks the scope bills:write' } })
  })

  it('loads a bill (201), answers 200 with nothing changed the second time, and 422 naming the line', async () => {
    const body = `date,provider,model,cost\n${daysAgo(7).day},${provider},${slug},0.001\n`
    const first = await post(billsKey, body)
    expect(first.status).toBe(201)
    expect(await first.json()).toMatchObject({ inserted: 1 })
    const second = await post(billsKey, body)
    expect(second.status).toBe(200)
    expect(await second.json()).toMatchObject({ inserted: 0, unchanged: 1, importId: null })
    const bad = await post(billsKey, `date,provider,model,cost\n2025-13-01,${provider},${slug},1\n`)
    expect(bad.status).toBe(422)
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe("body line 2: date '2025-13-01' is not a day (YYYY-MM-DD)")
  })
})
