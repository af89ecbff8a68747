import { QueueEvents } from 'bullmq'
import type pg from 'pg'
import type { World } from './world'

// Watches the rollup queue's completions (BullMQ's event stream): which batch each finished job was
// for, and whether it applied the batch or found it applied already. Job ids: rollup-<batch> is the
// job the web enqueued at ingest; the drills add others (race-a-<batch>, …).

export type RollupJobWatch = {
  /** batch id → one entry per completed job: [kind ('rollup', 'race-a', …), applied] */
  readonly byBatch: Map<string, [string, boolean][]>
  close: () => Promise<void>
}

export async function watchRollupJobs(w: World): Promise<RollupJobWatch> {
  const events = new QueueEvents('rollup', { connection: w.lib.redisConnection(), prefix: w.app.queuePrefix })
  events.on('error', () => undefined)
  const byBatch = new Map<string, [string, boolean][]>()
  events.on('completed', ({ jobId, returnvalue }) => {
    const m = /^([a-z-]+?)-(\d+)$/.exec(jobId)
    if (!m) return
    const value = (typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue) as { applied?: boolean } | null
    const list = byBatch.get(m[2]!) ?? []
    list.push([m[1]!, value?.applied === true])
    byBatch.set(m[2]!, list)
  })
  await events.waitUntilReady()
  return { byBatch, close: () => events.close() }
}

/** The team's batches (ids, oldest first) that no job enqueued by the web (rollup-<id>) completed for. */
export async function batchesWithoutOwnJob(pool: pg.Pool, teamId: number, watch: RollupJobWatch): Promise<{ all: string[]; missing: string[] }> {
  const { rows } = await pool.query<{ id: string }>('SELECT id::text FROM ingest_batches WHERE team_id = $1 ORDER BY id', [teamId])
  const all = rows.map((r) => r.id)
  return { all, missing: all.filter((id) => !(watch.byBatch.get(id) ?? []).some(([kind]) => kind === 'rollup')) }
}
