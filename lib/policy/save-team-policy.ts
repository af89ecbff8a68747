import { Prisma } from '@prisma/client'
import { runAudited } from '@/lib/audit/run-audited'
import type { AuditActor } from '@/lib/audit/types'
import type { DbClient } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { invalidateTeamPolicyCache } from './team-policy-cache'
import { toTeamPolicyView, type TeamPolicyView } from './team-policy-view'
import { validateTeamPolicyInput } from './validate-team-policy-input'

/**
 * Saves a new policy version (highest + 1; no version is ever overwritten) with its audit row in one
 * transaction, then drops this process's cached context so new events are advised under it at once
 * (other processes pick it up within the cache TTL).
 */
export async function saveTeamPolicy(
  db: DbClient,
  args: { teamId: number; input: unknown; actor: AuditActor },
): Promise<TeamPolicyView> {
  const p = await validateTeamPolicyInput(db, args.input)
  try {
    const saved = await runAudited(db, args.actor, async (tx) => {
      const team = await tx.team.findUnique({ where: { id: args.teamId }, select: { id: true } })
      if (!team) throw new AppError('not_found', `unknown team ${args.teamId}`)
      const previous = await tx.teamPolicy.findFirst({ where: { teamId: args.teamId }, orderBy: { version: 'desc' } })
      const row = await tx.teamPolicy.create({
        data: {
          teamId: args.teamId,
          version: (previous?.version ?? 0) + 1,
          allowedModels: p.allowedModels,
          blockedModels: p.blockedModels,
          localDataClasses: p.localDataClasses,
          defaultModels: p.defaultModels,
          maxPricePer1k: p.maxPricePer1k,
          monthlyBudget: p.monthlyBudget,
          alertThresholds: p.alertThresholds,
          webhookUrl: p.webhookUrl,
          critical: p.critical,
          createdById: args.actor.id ?? null,
        },
      })
      const after = toTeamPolicyView(row)
      return {
        result: after,
        audit: {
          action: 'policy.update',
          entityType: 'team_policy',
          entityId: row.id,
          teamId: args.teamId,
          before: previous ? (toTeamPolicyView(previous) as unknown as Prisma.InputJsonValue) : null,
          after: after as unknown as Prisma.InputJsonValue,
        },
      }
    })
    return saved
  } catch (err) {
    // Two saves raced for the same version number: the loser must reload and decide again.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')
      throw new AppError('conflict', 'the policy was changed at the same time by someone else; reload it and save again', { cause: err })
    throw err
  } finally {
    invalidateTeamPolicyCache(args.teamId)
  }
}
