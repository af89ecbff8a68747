import type pg from 'pg'
import { adviseForTeam } from '@/lib/policy/advise-for-team'
import { ingestEvents, type IngestOptions } from './ingest-usage-batch'
import { parseLiteLlmPayload, type LiteLlmEvent } from './parse-litellm-payloads'
import type { EventExtras, EventResult } from './prepare-events'
import { MAX_EVENTS_PER_BATCH } from './usage-event-schema'

/** Whose calls: a team key's own team, or (an org key with usage:write:all) the team each payload names. */
export type LiteLlmWriter = { kind: 'team'; teamId: number } | { kind: 'org' }

export type LiteLlmOutcome = { accepted: number; duplicates: number; rejected: number; results: EventResult[] }

/**
 * StandardLoggingPayloads → events → the usage write path (ingestEvents), per team, in batches of at most
 * MAX_EVENTS_PER_BATCH. Results come back one per payload, in order, rejections naming payloads[i].
 */
export async function ingestLiteLlmCallback(db: pg.Pool, writer: LiteLlmWriter, payloads: readonly unknown[], opts: Pick<IngestOptions, 'now'> = {}): Promise<LiteLlmOutcome> {
  const results: EventResult[] = new Array(payloads.length)
  const byTeam = new Map<number, { index: number; value: LiteLlmEvent }[]>()
  const parsed = payloads.map((raw, i) => parseLiteLlmPayload(raw, i))
  const teamIds = writer.kind === 'org' ? await resolveTeams(db, parsed.flatMap((r) => (r.ok && r.value.team ? [r.value.team] : []))) : null
  for (const r of parsed) {
    if (!r.ok) {
      results[r.index] = { id: r.id, status: 'rejected', error: r.error }
      continue
    }
    let teamId: number
    if (writer.kind === 'team') teamId = writer.teamId
    else {
      const named = r.value.team
      const found = named === null ? undefined : teamIds?.get(named.toLowerCase())
      if (found === undefined) {
        results[r.index] = { id: r.id, status: 'rejected', error: named === null ? `payloads[${r.index}].metadata: an org-wide key needs user_api_key_team_alias (or user_api_key_team_id) naming a ModelLedger team` : `payloads[${r.index}].metadata.user_api_key_team_alias: no ModelLedger team '${named.slice(0, 100)}' (matched against team slugs and names)` }
        continue
      }
      teamId = found
    }
    const list = byTeam.get(teamId) ?? []
    list.push({ index: r.index, value: r.value })
    byTeam.set(teamId, list)
  }
  for (const [teamId, list] of byTeam) {
    const advise = await adviseForTeam(db, teamId)
    for (let i = 0; i < list.length; i += MAX_EVENTS_PER_BATCH) {
      const chunk = list.slice(i, i + MAX_EVENTS_PER_BATCH)
      const extras: EventExtras[] = chunk.map((c) => c.value.extras)
      const out = await ingestEvents(db, teamId, chunk.map((c) => c.value.event), { source: 'litellm', advise, extras, now: opts.now })
      // The event validator says "events[3].timestamp"; the sender needs to know which payload that was.
      out.results.forEach((res, k) => {
        const index = (chunk[k] as { index: number }).index
        results[index] = res.error ? { ...res, error: res.error.replace(/^events\[\d+\]/, `payloads[${index}]`) } : res
      })
    }
  }
  let accepted = 0
  let duplicates = 0
  for (const r of results) if (r.status === 'accepted') accepted++
  else if (r.status === 'duplicate') duplicates++
  return { accepted, duplicates, rejected: results.length - accepted - duplicates, results }
}

/** Team slug or name (case-insensitive) → id, for the names the payloads give. */
async function resolveTeams(db: pg.Pool, names: string[]): Promise<Map<string, number>> {
  const wanted = [...new Set(names.map((n) => n.toLowerCase()))]
  const out = new Map<string, number>()
  if (wanted.length === 0) return out
  const { rows } = await db.query<{ id: number; slug: string; name: string }>('SELECT id, slug, name FROM teams WHERE lower(slug) = ANY($1) OR lower(name) = ANY($1)', [wanted])
  // A slug wins over another team's equal name.
  for (const r of rows) if (!out.has(r.name.toLowerCase())) out.set(r.name.toLowerCase(), r.id)
  for (const r of rows) out.set(r.slug.toLowerCase(), r.id)
  return out
}
