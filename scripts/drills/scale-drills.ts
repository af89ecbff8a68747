import { cpuMsOf, machineCpuMs, memoryOf } from '../../bench/core/procfs'
import { median, percentile } from '../../bench/core/stats'
import { LoadGenerator } from '../../bench/core/retrying-client'
import { batchesWithoutOwnJob, watchRollupJobs, type RollupJobWatch } from './rollup-jobs'
import { type DrillSpec } from './run-drill'
import { sleep } from './services'
import { addWeb, addWorker, type World } from './world'

// Drills 4–5 and the soak: several workers on the same batches, several web and worker processes on
// one Redis and one PostgreSQL, and a long steady run.

async function ensureProcesses(w: World, webs: number, workers: number): Promise<void> {
  const starts: Promise<unknown>[] = []
  for (let i = w.webs.length; i < webs; i++) starts.push(addWeb(w))
  await Promise.all(starts)
  // One at a time: each start compiles with tsx, and two at once on a small machine only slow both.
  for (let i = w.workers.length; i < workers; i++) await addWorker(w)
}

/**
 * 4. Two workers racing on the same batches. The rollup queue is held (paused) while batches pile up;
 * then every pending batch gets two more jobs besides its own and a direct applyBatchRollup call from
 * here, all released at once: four appliers per batch, on two worker processes and this one.
 */
export function racingWorkers(): DrillSpec {
  const direct = new Map<string, boolean[]>()
  let watch: RollupJobWatch | undefined
  return {
    name: 'racing-workers',
    title: 'two workers racing on the same batches',
    before: (w) => ensureProcesses(w, 1, 2),
    async scenario(r) {
      const { world: w, settings: s, gen } = r
      const { lib } = w
      watch = await watchRollupJobs(w)
      let last = '0'
      const end = gen.now() + s.raceMs
      try {
        await w.rollupQueue.pause()
        while (gen.now() < end) {
          await sleep(800)
          const { rows } = await w.pool.query<{ id: string }>(
            'SELECT id::text FROM ingest_batches WHERE team_id = $1 AND id > $2 AND rolled_up_at IS NULL ORDER BY id',
            [r.teamId, last],
          )
          if (rows.length === 0) continue
          last = rows[rows.length - 1]!.id
          await w.rollupQueue.addBulk(rows.flatMap(({ id }) => ['a', 'b'].map((x) => ({ name: 'apply', data: { batchId: id }, opts: { jobId: `race-${x}-${id}` } }))))
          await w.rollupQueue.resume()
          const results = await Promise.all(rows.map(({ id }) => lib.applyBatchRollup(lib.pool, id).then((res) => [id, res.applied] as const)))
          for (const [id, applied] of results) direct.set(id, [...(direct.get(id) ?? []), applied])
          await sleep(300)
          await w.rollupQueue.pause()
        }
      } finally {
        await w.rollupQueue.resume()
      }
    },
    async after(r) {
      await sleep(1500) // the last completion events
      await watch?.close()
      const appliers = new Map<string, [string, boolean][]>()
      for (const [id, jobs] of watch?.byBatch ?? []) appliers.set(id, [...jobs])
      for (const [id, calls] of direct) appliers.set(id, [...(appliers.get(id) ?? []), ...calls.map((a) => ['direct', a] as [string, boolean])])
      const teamBatches = new Set((await batchesWithoutOwnJob(r.world.pool, r.teamId, watch!)).all)
      let attempts = 0
      let applied = 0
      let raced = 0
      const wins: Record<string, number> = {}
      const twice: string[] = []
      for (const [id, list] of appliers) {
        if (!teamBatches.has(id)) continue
        attempts += list.length
        const won = list.filter(([, a]) => a)
        applied += won.length
        for (const [kind] of won) wins[kind] = (wins[kind] ?? 0) + 1
        if (won.length > 1) twice.push(`${id}×${won.length}`)
        if (list.length >= 3) raced++
      }
      r.notes.push(
        `${teamBatches.size} batches, ${raced} of them raced by 3–4 appliers released at once (2 extra jobs on 2 workers + 1 direct call, + its own job when still queued): ` +
          `${attempts} apply attempts, ${applied} applied (won by ${Object.entries(wins).map(([k, n]) => `${k} ${n}`).join(', ')}), ` +
          `${attempts - applied} found the batch already applied, ${twice.length} applied twice`,
      )
      if (twice.length > 0) r.failures.push(`${twice.length} batch(es) applied more than once: ${twice.slice(0, 5).join(', ')}`)
      if (raced === 0) r.failures.push('no batch was raced (the drill did not run)')
    },
  }
}

/** 5. Scale-out: two web processes and three workers on one Redis and one PostgreSQL. */
export function scaleOut(): DrillSpec {
  let cpu0: number[] = []
  let watch: RollupJobWatch | undefined
  return {
    name: 'scale-out',
    title: '2 web + 3 worker processes',
    before: (w) => ensureProcesses(w, 2, 3),
    urls: (w) => w.webs.map((p) => p.url!),
    rate: (s) => s.rate * 2,
    async scenario(r) {
      watch = await watchRollupJobs(r.world)
      cpu0 = r.world.workers.map((p) => cpuMsOf(p.pid))
      await sleep(r.settings.scaleMs)
    },
    async after(r) {
      const w = r.world
      const served = w.webs.map((p) => `${p.name} ${r.load.perUrl[p.url!] ?? 0}`)
      r.notes.push(`2xx answers per web process: ${served.join(', ')}`)
      for (const p of w.webs) if (!r.load.perUrl[p.url!]) r.failures.push(`${p.name} answered no request`)
      const cpu = w.workers.map((p, i) => `${p.name} ${((cpuMsOf(p.pid) - (cpu0[i] ?? 0)) / 1000).toFixed(1)} s`)
      r.notes.push(`worker CPU during the load: ${cpu.join(', ')}`)
      // Every batch must have gone through the queue (its own job, enqueued by the web that stored it),
      // not only through the sweeper: on a healthy system the sweeper is the safety net, not the path.
      await sleep(1000)
      await watch?.close()
      const { all, missing } = await batchesWithoutOwnJob(w.pool, r.teamId, watch!)
      r.notes.push(`${all.length - missing.length} of ${all.length} batches rolled up through their own queue job`)
      if (missing.length) r.failures.push(`${missing.length} of ${all.length} batches never got their rollup job from the web (sweeper only; e.g. ${missing.slice(0, 5).join(', ')})`)
    },
  }
}

/**
 * Headroom: closed-loop load (as fast as answered) against one web process, then against two; the
 * acknowledged events per second of each. Three workers roll up meanwhile.
 */
export function scaleThroughput(): DrillSpec {
  return {
    name: 'scale-throughput',
    title: 'throughput, 1 web vs 2 web',
    before: (w) => ensureProcesses(w, 2, 3),
    rate: () => 1,
    async scenario(r) {
      const { world: w, settings: s, gen } = r
      // Alternating rounds (1, 2, 1, 2 …): a busy neighbour on the shared machine slows both sides alike.
      const rates: Record<number, number[]> = { 1: [], 2: [] }
      for (let round = 0; round < 2 * s.throughputRounds; round++) {
        const webs = (round % 2) + 1
        const phase = new LoadGenerator({ ...gen.o, tag: `${gen.o.tag}r${round}`, urls: w.webs.slice(0, webs).map((p) => p.url!), mode: 'closed', connections: 12, batchSize: 100 })
        phase.start()
        await sleep(s.throughputMs)
        const sum = await phase.stop(s.settleTimeoutMs)
        gen.absorb(phase)
        rates[webs]!.push(sum.eventsPerSec)
        r.log(`scale-throughput: ${webs} web: ${Math.round(sum.eventsPerSec)} events/s, p99 ${sum.latencyMs.p99.toFixed(0)} ms`)
      }
      for (const webs of [1, 2]) {
        const v = rates[webs]!
        r.notes.push(`${webs} web: ${Math.round(median(v))} events/s acknowledged (median of ${v.length} rounds of ${s.throughputMs / 1000} s: ${v.map(Math.round).join(', ')}; 12 connections, 100-event batches)`)
      }
      r.notes.push(`2 web / 1 web: ${(median(rates[2]!) / median(rates[1]!)).toFixed(2)}×`)
    },
    async after(r) {
      // For sizing (docs/scaling.md): what one stored event costs on disk, indexes included.
      const { rows } = await r.world.pool.query<{ events: string; event_bytes: string; key_bytes: string; rollup_rows: string }>(
        `SELECT (SELECT count(*) FROM usage_events)::text AS events,
                greatest((SELECT coalesce(sum(pg_total_relation_size(inhrelid)), 0) FROM pg_inherits WHERE inhparent = 'usage_events'::regclass),
                         pg_total_relation_size('usage_events'))::text AS event_bytes,
                (SELECT coalesce(pg_total_relation_size(to_regclass('usage_event_keys')), 0))::text AS key_bytes,
                (SELECT count(*) FROM rollups_hourly)::text AS rollup_rows`,
      )
      const x = rows[0]!
      const per = (b: string) => Math.round(Number(b) / Math.max(1, Number(x.events)))
      r.notes.push(`on disk after ${Number(x.events).toLocaleString('en-US')} events: ${per(x.event_bytes)} B/event in usage_events (heap + indexes) + ${per(x.key_bytes)} B/event in usage_event_keys; ${x.rollup_rows} hourly rollup rows`)
    },
  }
}

/** Soak: a steady rate for a minute or more; throughput, latency, errors, rollup lag and memory. */
export function soak(): DrillSpec {
  const lag: number[] = []
  const busy: { at: number; pct: number }[] = []
  const rss: { name: string; start: number; end: number }[] = []
  return {
    name: 'soak',
    title: 'soak at a steady rate',
    async scenario(r) {
      const { world: w, settings: s, gen } = r
      const procs = [...w.webs, ...w.workers]
      const start = procs.map((p) => memoryOf(p.pid).rss)
      const end = gen.now() + s.soakMs
      let cpuPrev = machineCpuMs()
      while (gen.now() < end) {
        await sleep(1000)
        const cpu = machineCpuMs()
        busy.push({ at: gen.now(), pct: (100 * (cpu.busy - cpuPrev.busy)) / Math.max(1, cpu.total - cpuPrev.total) })
        cpuPrev = cpu
        const { rows } = await w.pool.query<{ age: string | null }>(
          'SELECT extract(epoch FROM now() - min(received_at))::text AS age FROM ingest_batches WHERE team_id = $1 AND rolled_up_at IS NULL',
          [r.teamId],
        )
        lag.push(Number(rows[0]?.age ?? 0))
      }
      procs.forEach((p, i) => rss.push({ name: p.name, start: start[i]!, end: memoryOf(p.pid).rss }))
    },
    async after(r) {
      const l = r.load
      const mib = (b: number) => `${Math.round(b / 1048576)} MiB`
      r.notes.push(
        `${Math.round(l.eventsPerSec)} events/s acknowledged over ${l.durationSec.toFixed(0)} s (${r.settings.rate} batches/s × ${r.settings.batchSize} events); ` +
          `latency p50 ${l.latencyMs.p50.toFixed(0)} ms, p99 ${l.latencyMs.p99.toFixed(0)} ms, max ${l.latencyMs.max.toFixed(0)} ms`,
      )
      // Latency over time, by the 10 s window a request was sent in: start-up vs steady state vs stalls.
      const t0 = Math.min(...r.gen.attempts.map((a) => a.at))
      const windows = new Map<number, number[]>()
      for (const a of r.gen.attempts) {
        const k = Math.floor((a.at - t0) / 10_000)
        windows.set(k, [...(windows.get(k) ?? []), a.latencyMs])
      }
      const cpuIn = (k: number) => {
        const v = busy.filter((b) => b.at - t0 >= k * 10_000 && b.at - t0 < (k + 1) * 10_000).map((b) => b.pct)
        return v.length ? `${Math.round(v.reduce((a, b) => a + b, 0) / v.length)}%` : '–'
      }
      const byWindow = [...windows.entries()].sort(([a], [b]) => a - b).map(([k, v]) => `${k * 10}–${k * 10 + 10} s: ${percentile(v, 50).toFixed(0)}/${percentile(v, 99).toFixed(0)} (CPU ${cpuIn(k)})`)
      r.notes.push(`latency p50/p99 ms by 10 s window, with the whole machine's CPU busy: ${byWindow.join(', ')}`)
      r.notes.push(`rollup lag (oldest batch not yet rolled up, sampled each second): max ${Math.max(0, ...lag).toFixed(2)} s`)
      r.notes.push(`resident memory start → end: ${rss.map((m) => `${m.name} ${mib(m.start)} → ${mib(m.end)}`).join(', ')}`)
    },
  }
}
