import type pg from 'pg'
import { getPricingSnapshot } from '@/lib/pricing/load-pricing-snapshot'
import { Decimal } from '@/lib/pricing/decimal'
import { evaluatePolicy } from '@/lib/policy/evaluate-policy'
import { estimateSaving } from '@/lib/policy/estimate-saving'
import { getPolicyCatalog } from '@/lib/policy/load-policy-catalog'
import { loadTeamPolicyRules } from '@/lib/policy/load-team-policy-rules'
import { policyObjection } from '@/lib/policy/pick-suggestion'
import { ruleDefinition } from '@/lib/policy/rule-definitions'
import type { TeamPolicyValues } from '@/lib/policy/schemas'
import { toPolicyRules } from '@/lib/policy/team-policy-view'
import type { Finding, PolicyContext, PolicyModel, PolicySubject } from '@/lib/policy/types'
import { loadWhatIfGroups } from './load-what-if-groups'
import { newWhatIfTally, tallyCalls, whatIfNumbers, type Move, type WhatIfNumbers, type WhatIfTally } from './what-if-tally'
import { resolveWhatIfTarget } from './what-if-target'

export type { Move, WhatIfNumbers } from './what-if-tally'

// Replays the last N days under a proposed policy (calls move where that policy's own rules redirect
// them: blocked, not allowed, must stay local, over the price cap, not the default) or under "apply all
// advice" (every call moves to its advice's suggested model under the team's current policy).
// Budget pressure is a point-in-time nudge and is not replayed. With a target model, the calls a rule
// moves go to that model instead, wherever the policy in play permits it for the call (see moveOf).

export type WhatIfMode = { kind: 'policy'; policy: TeamPolicyValues } | { kind: 'apply-all-advice' }

export type WhatIfReport = {
  mode: WhatIfMode['kind']
  from: string
  to: string
  days: number
  totals: WhatIfNumbers
  by_team: ({ team_id: number; team: string; policy_version: number | null } & WhatIfNumbers)[]
  by_model: ({ team_id: number; team: string; model: string } & WhatIfNumbers)[]
  /** cost_after sums the moved calls priced at to_model; unpriced_calls_after counts those that are not. */
  moves: { team_id: number; team: string; from_model: string; to_model: string; rule: string; calls: number; cost_before: string; cost_after: string; unpriced_calls_after: number; saving: string; saving_unknown_calls: number }[]
  /** The model moved calls were sent to, when one was chosen: how many went there, and how many of
   *  those it has no price for at their time (their cost after is unknown, not zero). */
  target: { model: string; calls: number; unpriced_calls: number } | null
}

/** The finding that decides a call under this mode: the policy's own first, or the call's top advice. */
function decidingFinding(findings: readonly Finding[], mode: WhatIfMode['kind']): Finding | undefined {
  return mode === 'policy' ? findings.find((x) => ruleDefinition(x.ruleId).source === 'team-policy') : findings[0]
}

/**
 * Where a call goes under this mode. A chosen target takes the call when the deciding rule fired, the
 * target is not the call's own model and the policy in play permits it for this call (not blocked, on
 * the allowed list, local when the data must stay local, under the cap); otherwise the rule's own
 * suggestion does, if it has one. The target's cost is its price in force at the call's time, or null.
 * Exported so a test can replay per event.
 */
export function moveOf(subject: PolicySubject, findings: readonly Finding[], mode: WhatIfMode['kind'], ctx: PolicyContext, target: PolicyModel | null): Move | null {
  const f = decidingFinding(findings, mode)
  if (!f) return null
  if (target && target.id !== subject.modelId && policyObjection(target, subject, ctx) === null)
    return { rule: f.ruleId, toModel: target.slug, costAfter: estimateSaving(subject, target, ctx).suggestedCost }
  return f.suggestedModel === null ? null : { rule: f.ruleId, toModel: f.suggestedModel, costAfter: f.suggestedCost ?? null }
}

function bucket<K>(map: Map<string, { key: K; acc: WhatIfTally }>, id: string, key: K): WhatIfTally {
  let entry = map.get(id)
  if (!entry) map.set(id, (entry = { key, acc: newWhatIfTally() }))
  return entry.acc
}

/** `target`: a catalog slug the moved calls go to (null: where the rules suggest); an unknown one throws AppError invalid. */
export async function whatIf(db: pg.Pool, args: { teams: readonly number[] | 'all'; days: number; mode: WhatIfMode; target?: string | null; now?: Date }): Promise<WhatIfReport> {
  const to = args.now ?? new Date()
  const from = new Date(to.getTime() - args.days * 86_400_000)
  const teamRows = (
    args.teams === 'all'
      ? await db.query<{ id: number; slug: string }>('SELECT id, slug FROM teams ORDER BY slug')
      : await db.query<{ id: number; slug: string }>('SELECT id, slug FROM teams WHERE id = ANY($1::int[]) ORDER BY slug', [args.teams])
  ).rows
  const [catalog, pricing] = await Promise.all([getPolicyCatalog(db), getPricingSnapshot(db)])
  const target = resolveWhatIfTarget(catalog, args.target ?? null)
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
  const toTarget = newWhatIfTally()
  // A named team is always reported, even without calls; with --all only teams that had calls are.
  if (args.teams !== 'all') for (const t of teamRows) bucket(byTeam, String(t.id), t.id)

  for (const g of await loadWhatIfGroups(db, teamRows.map((t) => t.id), from, to)) {
    const ctx = contexts.get(g.teamId)
    if (!ctx) continue
    const move = moveOf(g.subject, evaluatePolicy(g.subject, ctx), args.mode.kind, ctx, target)
    const cost = g.subject.cost
    tallyCalls(totals, g.subject.calls, cost, move)
    tallyCalls(bucket(byTeam, String(g.teamId), g.teamId), g.subject.calls, cost, move)
    tallyCalls(bucket(byModel, `${g.teamId}\u0000${g.modelKey}`, { team_id: g.teamId, model: g.modelKey }), g.subject.calls, cost, move)
    if (!move) continue
    tallyCalls(bucket(moves, `${g.teamId}\u0000${g.modelKey}\u0000${move.toModel}\u0000${move.rule}`, { team_id: g.teamId, from_model: g.modelKey, to_model: move.toModel, rule: move.rule }), g.subject.calls, cost, move)
    if (move.toModel === target?.slug) tallyCalls(toTarget, g.subject.calls, cost, move)
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
      .map(({ key, acc: a }) => ({ ...key, team: team(key.team_id), calls: a.calls, cost_before: a.before.toFixed(), cost_after: a.after.toFixed(), unpriced_calls_after: a.unpricedAfter, saving: a.saving.toFixed(), saving_unknown_calls: a.savingUnknown }))
      .sort((x, y) => new Decimal(y.saving).comparedTo(x.saving) || x.team.localeCompare(y.team) || x.from_model.localeCompare(y.from_model) || x.to_model.localeCompare(y.to_model)),
    target: target ? { model: target.slug, calls: toTarget.calls, unpriced_calls: toTarget.unpricedAfter } : null,
  }
}
