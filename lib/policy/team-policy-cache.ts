import type pg from 'pg'
import { getPricingSnapshot } from '@/lib/pricing/load-pricing-snapshot'
import { getPolicyCatalog } from './load-policy-catalog'
import { loadBudgetState } from './load-budget-state'
import { loadTeamPolicyRules } from './load-team-policy-rules'
import type { BudgetState, PolicyContext, TeamPolicyRules } from './types'
import { remember } from '@/lib/remember'

// The per-team half of the policy context (policy in force + budget state), cached per process. The
// TTL bounds how long another process may advise under an old policy; in this process a save calls
// invalidateTeamPolicyCache and the next event sees the new version at once.
export const TEAM_POLICY_TTL_MS = 5_000
const MAX_TEAMS = 10_000

type TeamEntry = { policy: TeamPolicyRules; budgetState: BudgetState | null; loadedAt: number }

// One per process (remember): a policy saved by a server action must clear the cache ingest reads.
// generations is bumped by an invalidation, so a load that started before it cannot store its stale
// answer after it.
type TeamPolicyCache = { entries: Map<number, TeamEntry>; inflight: Map<number, Promise<TeamEntry>>; generations: Map<number, number> }
const { entries, inflight, generations } = remember('policy.teamPolicyCache', (): TeamPolicyCache => ({ entries: new Map(), inflight: new Map(), generations: new Map() }))

async function loadTeamEntry(db: pg.Pool, teamId: number): Promise<TeamEntry> {
  const now = new Date()
  const policy = await loadTeamPolicyRules(db, teamId)
  const budgetState = await loadBudgetState(db, teamId, policy.monthlyBudget, now)
  return { policy, budgetState, loadedAt: now.getTime() }
}

async function getTeamEntry(db: pg.Pool, teamId: number): Promise<TeamEntry> {
  const hit = entries.get(teamId)
  if (hit && Date.now() - hit.loadedAt < TEAM_POLICY_TTL_MS) return hit
  let pending = inflight.get(teamId)
  if (!pending) {
    const generation = generations.get(teamId) ?? 0
    pending = loadTeamEntry(db, teamId)
      .then((entry) => {
        if ((generations.get(teamId) ?? 0) === generation) {
          if (entries.size >= MAX_TEAMS) entries.clear()
          entries.set(teamId, entry)
        }
        return entry
      })
      .finally(() => {
        if (inflight.get(teamId) === pending) inflight.delete(teamId)
      })
    inflight.set(teamId, pending)
  }
  return pending
}

/**
 * Everything the rules need for one team: its policy, the catalog, prices and budget state. Warm, it
 * is all in memory (no database round trip) — the route-advice API and ingest both rely on that.
 */
export async function getTeamPolicyContext(db: pg.Pool, teamId: number): Promise<PolicyContext> {
  const [team, catalog, pricing] = await Promise.all([getTeamEntry(db, teamId), getPolicyCatalog(db), getPricingSnapshot(db)])
  return { policy: team.policy, budgetState: team.budgetState, catalog, prices: pricing.prices }
}

/** Forget one team's cached policy (after a save), or every team's (tests). */
export function invalidateTeamPolicyCache(teamId?: number): void {
  const ids = teamId === undefined ? [...new Set([...entries.keys(), ...inflight.keys()])] : [teamId]
  for (const id of ids) {
    generations.set(id, (generations.get(id) ?? 0) + 1)
    entries.delete(id)
    inflight.delete(id)
  }
}
