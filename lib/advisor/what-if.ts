import type pg from 'pg'
import { getPricingSnapshot } from '@/lib/pricing/load-pricing-snapshot'
import { Decimal } from '@/lib/pricing/decimal'
import { evaluatePolicy } from '@/lib/policy/evaluate-policy'
import { getPolicyCatalog } from '@/lib/policy/load-policy-catalog'
import { loadTeamPolicyRules } from '@/lib/policy/load-team-policy-rules'
import { ruleDefinition } from '@/lib/policy/rule-definitions'
import type { TeamPolicyValues } from '@/lib/policy/schemas'
import { toPolicyRules } from '@/lib/policy/team-policy-view'
import type { Finding, PolicyContext } from '@/lib/policy/types'
import { loadWhatIfGroups } from './load-what-if-groups'
import { newWhatIfTally, tallyCalls, whatIfNumbers, type WhatIfNumbers, type WhatIfTally } from './what-if-tally'

// Replays the last N days under a proposed policy (calls move where that policy's own rules redirect
// them: blocked, not allowed, must stay local, over the price cap, not the default) or under "apply all
// advice" (every call moves to its advice's suggested model under the team's current policy).
// Budget pressure is a point-in-time nudge and is not replayed.

export type WhatIfMode = { kind: 'policy'; policy: TeamPolicyValues } | { kind: 'apply-all-advice' }

export type { WhatIfNumbers } from './what-if-tally'

export type WhatIfReport = {
  mode: WhatIfMode['kind']
  from: string
  to: string
  days: number
  totals: WhatIfNumbers
  by_team: ({ team_id: number; team: string; policy_version: number | null } & WhatIfNumbers)[]
  by_model: ({ team_id: number; team: string; model: string } & WhatIfNumbers)[]
  moves: { team_id: number; team: string; from_model: string; to_model: string; rule: string; calls: number; cost_before: string; cost_after: string; saving: string; saving_unknown_calls: number }[]
}

/** The finding that moves a call under this mode, if any (exported so a test can replay per event). */
export function chooseMove(findings: readonly Finding[], mode: WhatIfMode['kind']): Finding | null {
  const f = mode === 'policy' ? findings.find((x) => ruleDefinition(x.ruleId).source === 'team-policy') : findings[0]
  return f && f.suggestedModel !== null ? f : null
}

function bucket<K>(map: Map<string, { key: K; acc: WhatIfTally }>, id: string, key: K): WhatIfTally {
  let entry = map.get(id)
  if (!entry) map.set(id, (entry = { key, acc: newWhatIfTally() }))
  return entry.acc
}

export async function whatIf(db: pg.Pool, args: { teams: readonly number[] | 'all'; days: number; mode: WhatIfMode; now?: Date }): Promise<WhatIfReport> {
  const to = args.now ?? new Date()
  const from = new Date(to.getTime() - args.days * 86_400_000)
  const teamRows = (
    args.teams === 'all'
      ? await db.query<{ id: number; slug: string }>('SELECT id, slug FROM teams ORDER BY slug')
      : await db.query<{ id: number; slug: string }>('SELECT id, slug FROM teams WHERE id = ANY($1::int[]) ORDER BY slug', [args.teams])
  ).rows
  const [catalog, pricing] = await Promise.all([getPolicyCatalog(db), getPricingSnapshot(db)])
  const contexts = new Map<number, PolicyContext>()
  for (const t of teamRows) {
    const policy = args.mode.kind === 'policy' ? toPolicyRules(args.mode.policy, null) : await loadTeamPolicyRules(db, t.id)
    contexts.set(t.id, { policy, catalog, prices: pricing.prices, budgetState: null })
  }
  const slugOf = new Map(teamRows.map((t) => [t.id, t.slug]))

  const totals = newWhatIfTally()
  const byTeam = new Map<string, { key: number; acc: WhatIfTally }>()
  const byModel = new Map<string, { key: { team_id: number; model: string }; acc: WhatIfTally }>()
  const moves = new Map<string, { key: { team_id: number; from_model: string; to_model: string; rule: string }; acc: WhatIfTally }>()
  // A named team is always reported, even without calls; with --all only teams that had calls are.
  if (args.teams !== 'all') for (const t of teamRows) bucket(byTeam, String(t.id), t.id)

  for (const g of await loadWhatIfGroups(db, teamRows.map((t) => t.id), from, to)) {
    const ctx = contexts.get(g.teamId)
    if (!ctx) continue
    const move = chooseMove(evaluatePolicy(g.subject, ctx), args.mode.kind)
    const cost = g.subject.cost
    tallyCalls(totals, g.subject.calls, cost, move)
    tallyCalls(bucket(byTeam, String(g.teamId), g.teamId), g.subject.calls, cost, move)
    tallyCalls(bucket(byModel, `${g.teamId}\u0000${g.modelKey}`, { team_id: g.teamId, model: g.modelKey }), g.subject.calls, cost, move)
    if (move?.suggestedModel)
      tallyCalls(bucket(moves, `${g.teamId}\u0000${g.modelKey}\u0000${move.suggestedModel}\u0000${move.ruleId}`, { team_id: g.teamId, from_model: g.modelKey, to_model: move.suggestedModel, rule: move.ruleId }), g.subject.calls, cost, move)
  }

  const team = (id: number) => slugOf.get(id) ?? String(id)
  return {
    mode: args.mode.kind,
    from: from.toISOString(),
    to: to.toISOString(),
    days: args.days,
    totals: whatIfNumbers(totals),
    by_team: [...byTeam.values()].sort((x, y) => team(x.key).localeCompare(team(y.key))).map(({ key, acc: a }) => ({ team_id: key, team: team(key), policy_version: contexts.get(key)?.policy.version ?? null, ...whatIfNumbers(a) })),
    by_model: [...byModel.values()].map(({ key, acc: a }) => ({ ...key, team: team(key.team_id), ...whatIfNumbers(a) })).sort((x, y) => x.team.localeCompare(y.team) || x.model.localeCompare(y.model)),
    moves: [...moves.values()]
      .map(({ key, acc: a }) => ({ ...key, team: team(key.team_id), calls: a.calls, cost_before: a.before.toFixed(), cost_after: a.after.toFixed(), saving: a.saving.toFixed(), saving_unknown_calls: a.savingUnknown }))
      .sort((x, y) => new Decimal(y.saving).comparedTo(x.saving) || x.team.localeCompare(y.team) || x.from_model.localeCompare(y.from_model) || x.to_model.localeCompare(y.to_model)),
  }
}
