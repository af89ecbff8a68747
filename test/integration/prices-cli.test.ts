import { execFile } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { pool, prisma } from '@/lib/db'
import { ingestEvents } from '@/lib/ingest/ingest-usage-batch'
import { applyBatchRollup } from '@/lib/rollups/apply-batch-rollup'
import { findRollupDifferences } from '@/lib/rollups/reconcile-rollups'
import { createTestModel, createTestTeam } from './fixtures'

const root = path.resolve(__dirname, '../..')
const tsxCli = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs')
const fixture = path.join(root, 'test/fixtures/litellm-model-prices.json')
const slow = { timeout: 300_000 }

type Run = { code: number; stdout: string; stderr: string }

// The real entry point in a child process, as `npm run ledger -- …` runs it.
function ledger(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [tsxCli, 'scripts/ledger.ts', ...args], { cwd: root, env: { ...process.env }, timeout: 180_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr })
    })
  })
}

describe('ledger prices / reprice / months', () => {
  it('adds manual and infrastructure prices, re-prices a window with progress, closes and shows a month', slow, async () => {
    const model = await createTestModel('cli', { route: 'small', deployment: 'local' })
    const slug = model.slug
    const { team } = await createTestTeam()
    const out = await ingestEvents(
      pool,
      team.id,
      [
        { id: 'c1', timestamp: '2025-01-05T10:00:00Z', model: slug, input_tokens: 1000, output_tokens: 100 },
        { id: 'c2', timestamp: '2025-01-25T10:00:00Z', model: slug, input_tokens: 1000, output_tokens: 100 },
      ],
      { source: 'test', now: new Date('2025-01-31T00:00:00Z') },
    )
    await applyBatchRollup(pool, out.batchId!)

    const added = await ledger('prices', 'add', '--model', slug, '--from', '2025-01-01', '--input', '1', '--output', '2', '--note', 'cli test')
    expect(added).toMatchObject({ code: 0, stderr: '' })
    expect(added.stdout).toMatch(new RegExp(`Added price version \\d+ for '${slug}' from 2025-01-01 00:00Z \\(manual\\)`))
    expect(added.stdout).toContain(`reprice --from 2025-01-01`)
    const infra = await ledger('prices', 'infra', '--model', slug, '--from', '2025-01-20', '--gpu-hour-usd', '2', '--tokens-per-second', '50')
    expect(infra).toMatchObject({ code: 0, stderr: '' })
    expect(infra.stdout).toContain('Infrastructure price: 11.111111111 USD per 1M tokens')
    expect(infra.stdout).toMatch(/closed version \d+ \(from 2025-01-01 00:00Z\) at 2025-01-20 00:00Z/)

    const [list, dry, importDry] = await Promise.all([
      ledger('prices', 'list', '--model', slug),
      ledger('reprice', '--from', '2025-01-01', '--to', '2025-02-01', '--model', slug, '--dry-run'),
      ledger('prices', 'import-litellm', fixture, '--dry-run', '--effective-from', '2030-01-01'),
    ])
    expect(list.code).toBe(0)
    expect(list.stdout).toMatch(/2025-01-01 00:00Z\s+2025-01-20 00:00Z\s+1\s+-\s+-\s+2\s+-\s+manual\s+cli test/)
    expect(list.stdout).toMatch(/2025-01-20 00:00Z\s+open\s+11\.111111111\s+-\s+-\s+11\.111111111\s+-\s+infrastructure \(derived\)/)
    expect(dry).toMatchObject({ code: 0, stderr: '' })
    // Both events were unpriced at ingest: the plan prices them, each with its own version.
    expect(dry.stdout).toMatch(new RegExp(`${team.slug}\\s+2025-01\\s+2\\s+2\\s+0\\.000000\\s+0\\.013422\\s+0\\.013422\\s+2→0`))
    expect(importDry).toMatchObject({ code: 0, stderr: '' })
    expect(importDry.stdout).toMatch(/Dry run: LiteLLM import, \d+ entries, effective from 2030-01-01/)
    expect(importDry.stdout).toContain('Skipped entries: documentation 1')

    const apply = await ledger('reprice', '--from', '2025-01-01', '--to', '2025-02-01', '--model', slug, '--wait')
    expect(apply).toMatchObject({ code: 0, stderr: '' })
    expect(apply.stdout).toMatch(/run \d+: 100% \(2\/2 events\)/)
    expect(apply.stdout).toMatch(/Re-priced run \d+: 2 events, 2 changed; 0 → 0\.0134222222221 USD/)
    const costs = await prisma.usageEvent.findMany({ where: { teamId: team.id }, orderBy: { eventId: 'asc' }, select: { cost: true } })
    expect(costs.map((c) => c.cost?.toFixed())).toEqual(['0.0012', '0.0122222222221'])
    expect(await findRollupDifferences(pool, { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2025-02-01T00:00:00Z'), teamIds: [team.id] })).toEqual([])

    const close = await ledger('months', 'close', '2025-01', '--team', team.slug)
    expect(close).toMatchObject({ code: 0, stderr: '' })
    expect(close.stdout).toMatch(new RegExp(`${team.slug}\\s+2\\s+0\\s+0\\.0134222222221`))
    const [show, again] = await Promise.all([ledger('months', 'show', '2025-01', '--team', team.slug), ledger('months', 'close', '2025-01', '--team', team.slug)])
    expect(show.code).toBe(0)
    expect(show.stdout).toMatch(new RegExp(`${team.slug}\\s+closed \\S+ \\S+\\s+2\\s+2200\\s+0\\s+0\\.0134222222221\\s+-\\s+0`))
    expect(show.stdout).toMatch(new RegExp(`${slug}\\s+2\\s+2000\\s+0\\s+0\\s+200\\s+0\\s+0\\s+0\\.0134222222221`))
    expect(again).toMatchObject({ code: 1, stdout: '' })
    expect(again.stderr).toContain('2025-01 is already closed')
    expect(model.id).toBeGreaterThan(0)
  })

  it('reports wrong invocations (exit 2) and refused changes (exit 1) on one line', slow, async () => {
    const cases: [string[], number, string][] = [
      [['prices', 'add', '--model', 'gpt-4o', '--input', '1', '--output', '1'], 2, 'missing --from'],
      [['prices', 'add', '--model', 'gpt-4o', '--from', '01/02/2025', '--input', '1', '--output', '1'], 2, '--from must be YYYY-MM-DD'],
      [['prices', 'add', '--model', 'no-such-model-zz', '--from', '2025-01-01', '--input', '1', '--output', '1'], 1, "unknown model 'no-such-model-zz'"],
      [['prices', 'import-litellm', '--dry-run'], 2, 'missing FILE'],
      [['reprice', '--from', '2025-02-01', '--to', '2025-01-01', '--dry-run'], 1, 'from must be before to'],
      [['reprice', '--from', '2025-01-01'], 2, 'missing --to'],
      [['months', 'close', '2099-01'], 1, 'only months before the current one'],
      [['months', 'show', 'January'], 2, 'MONTH must be YYYY-MM'],
    ]
    const runs = await Promise.all(cases.map(([args]) => ledger(...args)))
    runs.forEach((run, i) => {
      const [, code, message] = cases[i]!
      expect({ code: run.code, stdout: run.stdout }).toEqual({ code, stdout: '' })
      expect(run.stderr.trim().split('\n')).toHaveLength(1)
      expect(run.stderr).toContain(message)
    })
  })
})
