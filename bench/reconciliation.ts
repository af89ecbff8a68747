// `npx tsx bench/reconciliation.ts [--days 30] [--runs 50]`: times the reconciliation query (the rows the
// Reconciliation page, `ledger bills show` and GET /api/v1/bills/reconciliation share) over a month, on
// the database at DATABASE_URL, and prints its EXPLAIN to show it reads rollups_daily, never usage_events.
// Self-contained on purpose (not part of `npm run bench`'s harness). It writes a synthetic bill — every
// catalog model's tracked spend per day × 1.02, with tokens — inside a transaction it rolls back, so the
// database is left as it was.
import 'dotenv/config'
import { parseArgs } from 'node:util'
import { performance } from 'node:perf_hooks'
import { pool } from '@/lib/db'
import { queryReconciliation } from '@/lib/bills/query-reconciliation'
import { reconciliationSql } from '@/lib/bills/reconciliation-sql'
import { addUtcDays, toUtcDay } from '@/lib/time/utc-days'

const { values } = parseArgs({ options: { days: { type: 'string', default: '30' }, runs: { type: 'string', default: '50' } } })
const days = Number(values.days)
const runs = Number(values.runs)

const nearestRank = (sorted: number[], p: number) => sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1] as number

async function main() {
  const to = addUtcDays(toUtcDay(new Date()), -1)
  const from = addUtcDays(to, -(days - 1))
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const sizes = await client.query<{ events: string; rollups: string }>(
      `SELECT (SELECT count(*) FROM usage_events) AS events, (SELECT count(*) FROM rollups_daily WHERE day BETWEEN $1 AND $2) AS rollups`,
      [from, to],
    )
    const imp = await client.query<{ id: number }>(
      `INSERT INTO bill_imports (provider, format, file_names, sha256, first_day, last_day, lines, inserted, updated, unchanged, created_by)
       VALUES ('bench', 'csv', '{bench}', '', $1, $2, 0, 0, 0, 0, 'bench') RETURNING id`,
      [from, to],
    )
    const lines = await client.query(
      `INSERT INTO provider_bill_lines (provider, measure, day, line_key, model_raw, model_id, currency, amount, tokens, import_id)
       SELECT lower(m.provider), 'cost', r.day, m.slug, m.slug, m.id, 'USD', sum(r.cost) * 1.02,
              sum(r.input_tokens + r.cache_read_tokens + r.cache_write_tokens + r.output_tokens + r.reasoning_tokens), $3
         FROM rollups_daily r JOIN models m ON m.id = r.model_id
        WHERE r.day BETWEEN $1 AND $2 GROUP BY 1, 3, 4, 5, 6
       ON CONFLICT DO NOTHING`,
      [from, to, imp.rows[0]?.id],
    )
    await client.query('ANALYZE provider_bill_lines')
    const window = { from, to, provider: null }
    for (let i = 0; i < 3; i++) await queryReconciliation(client, window) // warm-up
    const times: number[] = []
    let rows = 0
    for (let i = 0; i < runs; i++) {
      const t = performance.now()
      rows = (await queryReconciliation(client, window)).rows.length
      times.push(performance.now() - t)
    }
    times.sort((a, b) => a - b)
    // Server-side execution alone (EXPLAIN ANALYZE's own clock): what the database spends, without the
    // client round trip and the JS that turns rows into exact decimals and explanations.
    const server: number[] = []
    for (let i = 0; i < runs; i++) {
      const r = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, FORMAT TEXT) ${reconciliationSql}`, [from, to, null])
      server.push(Number(/Execution Time: ([\d.]+) ms/.exec(r.rows.map((x) => x['QUERY PLAN']).join('\n'))?.[1] ?? NaN))
    }
    server.sort((a, b) => a - b)
    const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF) ${reconciliationSql}`, [from, to, null])
    const planText = plan.rows.map((r) => r['QUERY PLAN']).join('\n')
    const s = sizes.rows[0]
    process.stdout.write(
      [
        `reconciliation over ${from}..${to} (${days} days): ${s?.events} usage events in the database, ${s?.rollups} rollups_daily rows and ${lines.rowCount} bill lines in the window, ${rows} result rows`,
        `queryReconciliation, ${runs} runs: p50 ${nearestRank(times, 50).toFixed(1)} ms, p95 ${nearestRank(times, 95).toFixed(1)} ms, max ${(times.at(-1) ?? NaN).toFixed(1)} ms`,
        `SQL execution in PostgreSQL, ${runs} runs: p50 ${nearestRank(server, 50).toFixed(1)} ms, p95 ${nearestRank(server, 95).toFixed(1)} ms`,
        `reads usage_events: ${/usage_events/.test(planText) ? 'YES' : 'no'}`,
        '',
        planText,
      ].join('\n') + '\n',
    )
  } finally {
    await client.query('ROLLBACK').catch(() => undefined)
    client.release()
    await pool.end()
  }
}

void main()
