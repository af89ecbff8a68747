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

// Replays the last N days under a proposed policy (calls move where that policy's own rules redirect
// them: blocked, not allowed, must stay local, over the price cap, not the default) or under "apply all
// advice" (every call moves to its advice's suggested model under the team's current policy).
// Budget pressure is a point-in-time nudge and is not replayed.

export type WhatIfMode = { kind: 'policy'; policy: TeamPolicyValues } | { kind: 'apply-all-advice' }

/** Money as exact decimal strings. Unpriced calls are counted, never summed as 0: spend_before sums the
 *  calls priced now, spend_after the calls priced after the moves; saving covers moved calls priced on
 *  both sides, and saving_unknown_calls counts moved calls that are not. */
export type WhatIfNumbers = {
  calls: number
  moved_calls: number
  spend_before: string
  spend_after: string
  saving: string
  unpriced_calls_before: number
  unpriced_calls_after: number
  saving_unknown_calls: number
}

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

type Acc = { calls: number; moved: number; before: Decimal; after: Decimal; saving: Decimal; unpricedBefore: number; unpricedAfter: number; savingUnknown: number }
const acc = (): Acc => ({ calls: 0, moved: 0, before: new Decimal(0), after: new Decimal(0), saving: new Decimal(0), unpricedBefore: 0, unpricedAfter: 0, savingUnknown: 0 })
const out = (a: Acc): WhatIfNumbers => ({
  calls: a.calls,
  moved_calls: a.moved,
  spend_before: a.before.toFixed(),
  spend_after: a.after.toFixed(),
  saving: a.saving.toFixed(),
  unpriced_calls_before: a.unpricedBefore,
  unpriced_calls_after: a.unpricedAfter,
  saving_unknown_calls: a.savingUnknown,
})

function record(a: Acc, calls: number, before: Decimal | null, move: Finding | null): void {
  const after = move ? (move.suggestedCost ?? null) : before
  a.calls += calls
  if (before === null) a.unpricedBefore += calls
  else a.before = a.before.plus(before)
  if (after === null) a.unpricedAfter += calls
  else a.after = a.after.plus(after)
  if (!move) return
  a.moved += calls
  if (before !== null && after !== null) a.saving = a.saving.plus(before.minus(after))
  else a.savingUnknown += calls
}

function bucket<K>(map: Map<string, { key: K; acc: Acc }>, id: string, key: K): Acc {
  let entry = map.get(id)
  if (!entry) map.set(id, (entry = { key, acc: acc() }))
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

  const totals = acc()
  const byTeam = new Map<string, { key: number; acc: Acc }>()
  const byModel = new Map<string, { key: { team_id: number; model: string }; acc: Acc }>()
  const moves = new Map<string, { key: { team_id: number; from_model: string; to_model: string; rule: string }; acc: Acc }>()
  // A named team is always reported, even without calls; with --all only teams that had calls are.
  if (args.teams !== 'all') for (const t of teamRows) bucket(byTeam, String(t.id), t.id)

  for (const g of await loadWhatIfGroups(db, teamRows.map((t) => t.id), from, to)) {
    const ctx = contexts.get(g.teamId)
    if (!ctx) continue
    const move = chooseMove(evaluatePolicy(g.subject, ctx), args.mode.kind)
    const cost = g.subject.cost
    record(totals, g.subject.calls, cost, move)
    record(bucket(byTeam, String(g.teamId), g.teamId), g.subject.calls, cost, move)
    record(bucket(byModel, `${g.teamId}\u0000${g.modelKey}`, { team_id: g.teamId, model: g.modelKey }), g.subject.calls, cost, move)
    if (move?.suggestedModel)
      record(bucket(moves, `${g.teamId}\u0000${g.modelKey}\u0000${move.suggestedModel}\u0000${move.ruleId}`, { team_id: g.teamId, from_model: g.modelKey, to_model: move.suggestedModel, rule: move.ruleId }), g.subject.calls, cost, move)
  }

  const team = (id: number) => slugOf.get(id) ?? String(id)
  return {
    mode: args.mode.kind,
    from: from.toISOString(),
    to: to.toISOString(),
    days: args.days,
    totals: out(totals),
    by_team: [...byTeam.values()].sort((x, y) => team(x.key).localeCompare(team(y.key))).map(({ key, acc: a }) => ({ team_id: key, team: team(key), policy_version: contexts.get(key)?.policy.version ?? null, ...out(a) })),
    by_model: [...byModel.values()].map(({ key, acc: a }) => ({ ...key, team: team(key.team_id), ...out(a) })).sort((x, y) => x.team.localeCompare(y.team) || x.model.localeCompare(y.model)),
    moves: [...moves.values()]
      .map(({ key, acc: a }) => ({ ...key, team: team(key.team_id), calls: a.calls, cost_before: a.before.toFixed(), cost_after: a.after.toFixed(), saving: a.saving.toFixed(), saving_unknown_calls: a.savingUnknown }))
      .sort((x, y) => new Decimal(y.saving).comparedTo(x.saving) || x.team.localeCompare(y.team) || x.from_model.localeCompare(y.from_model) || x.to_model.localeCompare(y.to_model)),
  }
}
