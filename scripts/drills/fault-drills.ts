import type pg from 'pg'
import { pause, resume } from '../../bench/core/children'
import { percentile } from '../../bench/core/stats'
import { killNow, startWorker } from './app-processes'
import { batchesWithoutOwnJob, watchRollupJobs, type RollupJobWatch } from './rollup-jobs'
import { answersBetween, formatStatuses, type DrillSpec } from './run-drill'
import { sleep } from './services'
import { addWeb, trimTo } from './world'

// Drills 1–3: a dependency or a process goes away under steady load and comes back.

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`

/**
 * 1. Redis stopped, then started: ingest keeps answering 2xx; the sweeper rolls up what was missed.
 * wipe: Redis comes back EMPTY (no persistence, or a failover to an empty replica): every queued job and
 * the recurring schedules (the sweeper's among them) are gone.
 */
export function redisOutage(opts: { wipe?: boolean } = {}): DrillSpec {
  let downWall = new Date()
  let upWall = new Date()
  return {
    name: opts.wipe ? 'redis-data-loss' : 'redis-outage',
    title: opts.wipe ? 'Redis stopped, restarted empty' : 'Redis stopped, then started',
    async scenario(r) {
      const { world: w, settings: s, gen } = r
      await sleep(s.warmupMs)
      const downAt = gen.now()
      downWall = new Date()
      await w.redis.stop({ wipe: opts.wipe })
      r.log(`redis: stopped for ${secs(s.redisOutageMs)}${opts.wipe ? ', its data deleted' : ''}`)
      await sleep(s.redisOutageMs)
      upWall = new Date()
      const upAt = gen.now()
      await w.redis.start()
      const during = answersBetween(gen.attempts, downAt, upAt)
      const okLatency = gen.attempts.filter((a) => a.at >= downAt && a.at + a.latencyMs < upAt && a.status.startsWith('2')).map((a) => a.latencyMs)
      r.notes.push(`while Redis was down (${secs(upAt - downAt)}): answers ${formatStatuses(during)}, p99 ${percentile(okLatency, 99).toFixed(0)} ms`)
      if (!Object.keys(during).some((k) => k.startsWith('2'))) r.failures.push('no 2xx answer while Redis was down')
      await sleep(s.tailMs)
    },
    async after(r) {
      const { rows } = await r.world.pool.query<{ n: string; lag: string | null; pending: string }>(
        `SELECT count(*)::text AS n, count(*) FILTER (WHERE rolled_up_at IS NULL)::text AS pending,
                round(extract(epoch FROM max(rolled_up_at) - $3::timestamptz), 1)::text AS lag
           FROM ingest_batches WHERE team_id = $1 AND received_at >= $2 AND received_at < $3`,
        [r.teamId, downWall, upWall],
      )
      const row = rows[0]!
      r.notes.push(`${row.n} batches stored while Redis was down; ${row.pending === '0' ? `all rolled up by ${row.lag} s after Redis returned` : `${row.pending} still pending`}`)
      if (Number(row.n) === 0) r.failures.push('no batch was stored while Redis was down (the drill did not exercise the sweeper)')
    },
  }
}

/**
 * 1c. A web process that starts while Redis is down (a deploy during Redis maintenance): it answers 2xx
 * at once, and once Redis is back the batches it stores go through the queue again, not only through
 * the sweeper.
 */
export function webStartWithoutRedis(): DrillSpec {
  let watch: RollupJobWatch | undefined
  let upWall = new Date()
  return {
    name: 'web-start-without-redis',
    title: 'web process started while Redis is down',
    async before(w) {
      await w.redis.stop()
      await addWeb(w)
    },
    urls: (w) => [w.webs[w.webs.length - 1]!.url!],
    async scenario(r) {
      const { world: w, settings: s } = r
      await sleep(s.warmupMs + 2000)
      upWall = new Date()
      await w.redis.start()
      watch = await watchRollupJobs(w)
      r.log(`web-start-without-redis: Redis started again; ${s.tailMs * 2 / 1000} s more load`)
      await sleep(s.tailMs * 2)
    },
    async after(r) {
      await sleep(1000)
      await watch?.close()
      const { rows } = await r.world.pool.query<{ id: string }>('SELECT id::text FROM ingest_batches WHERE team_id = $1 AND received_at >= $2 ORDER BY id', [r.teamId, upWall])
      const after = new Set(rows.map((x) => x.id))
      const { all, missing } = await batchesWithoutOwnJob(r.world.pool, r.teamId, watch!)
      const missingAfter = missing.filter((id) => after.has(id))
      const last = all.slice(-10)
      r.notes.push(`${all.length - after.size} batches stored before Redis was back; of the ${after.size} stored after, ${after.size - missingAfter.length} went through their own queue job`)
      const lastMissing = last.filter((id) => missing.includes(id))
      if (lastMissing.length) r.failures.push(`the web never enqueued again after Redis returned: ${lastMissing.length} of the last ${last.length} batches got no rollup job (sweeper only)`)
      await trimTo(r.world, 1, r.world.workers.length)
    },
  }
}

/** Is a rollup transaction open on the server right now? (Only workers run these statements.) */
async function openRollupTransactions(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid()
        AND state IN ('active', 'idle in transaction')
        AND (query LIKE 'UPDATE ingest_batches SET rolled_up_at%' OR query LIKE '%INSERT INTO rollups_%')`,
  )
  return Number(rows[0]?.n ?? 0)
}

/** 2. The worker SIGKILLed in the middle of applying a batch, then restarted. */
export function workerKill(): DrillSpec {
  return {
    name: 'worker-kill',
    title: 'worker SIGKILLed mid-batch, restarted',
    async scenario(r) {
      const { world: w, settings: s } = r
      await sleep(s.warmupMs)
      for (let k = 1; k <= s.workerKills; k++) {
        const worker = w.workers[0]!
        // Freeze the worker, look for its open rollup transaction, and kill it only when there is one:
        // the kill then certainly lands between BEGIN and COMMIT.
        const deadline = Date.now() + 60_000
        let caught = false
        while (!caught && Date.now() < deadline) {
          pause(worker)
          caught = (await openRollupTransactions(w.pool)) > 0
          if (!caught) {
            resume(worker)
            await sleep(5 + Math.random() * 20)
          }
        }
        await killNow(worker)
        r.notes.push(`kill ${k}: SIGKILL ${worker.name} ${caught ? 'with a rollup transaction open' : 'WITHOUT catching it mid-batch'}`)
        if (!caught) r.failures.push(`kill ${k}: no open rollup transaction seen in 60 s`)
        r.log(`worker-kill: killed ${worker.name} (${caught ? 'mid-batch' : 'not mid-batch'}); restarting it`)
        await sleep(1000)
        w.workers[0] = await startWorker(w.app, worker.name)
        await sleep(k < s.workerKills ? 2000 : s.tailMs)
      }
    },
  }
}

/** 3. PostgreSQL stopped for a few seconds (clean and crash-like), then started again. */
export function postgresRestart(): DrillSpec {
  return {
    name: 'postgres-restart',
    title: 'PostgreSQL stopped, then started',
    allowUnavailable: true,
    async scenario(r) {
      const { world: w, settings: s, gen } = r
      await sleep(s.warmupMs)
      for (const mode of s.postgresRestarts) {
        const downAt = gen.now()
        await w.postgres.stop(mode)
        await sleep(s.postgresDownMs)
        await w.postgres.start()
        const upAt = gen.now()
        r.log(`postgres-restart: ${mode} stop, down ${secs(upAt - downAt)}`)
        // Recovery: the first 2xx to a request sent after the server was back.
        const t = Date.now()
        let firstOk: number | undefined
        while (firstOk === undefined && Date.now() - t < 60_000) {
          firstOk = gen.attempts.find((a) => a.at >= upAt && a.status.startsWith('2'))?.at
          if (firstOk === undefined) await sleep(100)
        }
        const during = answersBetween(gen.attempts, downAt, upAt)
        r.notes.push(
          `${mode} stop, down ${secs(upAt - downAt)}: answers while down ${formatStatuses(during)}; ` +
            (firstOk === undefined ? 'NO 2xx within 60 s after the restart' : `first 2xx ${secs(firstOk - upAt)} after the restart`),
        )
        if (!during['503']) r.failures.push(`${mode} stop: no 503 while PostgreSQL was down (the drill did not reach the outage)`)
        if (firstOk === undefined) r.failures.push(`${mode} stop: ingest did not recover within 60 s`)
        await sleep(s.tailMs)
      }
    },
  }
}
