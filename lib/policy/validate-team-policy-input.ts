import type { DbClient } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { describePolicyIssues, teamPolicyInput, type TeamPolicyValues } from './schemas'

/** Shape (zod, with the webhook address check) and catalog checks: every model slug named must exist. Throws 422 with where and what. */
export async function validateTeamPolicyInput(db: Pick<DbClient, 'model'>, input: unknown): Promise<TeamPolicyValues> {
  const parsed = teamPolicyInput.safeParse(input)
  if (!parsed.success) throw new AppError('invalid', `invalid policy: ${describePolicyIssues(parsed.error)}`)
  const p = parsed.data
  const named = [
    ...p.allowedModels.map((m) => ['allowedModels', m] as const),
    ...p.blockedModels.map((m) => ['blockedModels', m] as const),
    ...Object.entries(p.defaultModels).flatMap(([task, m]) => (m === undefined ? [] : [[`defaultModels.${task}`, m] as const])),
  ]
  if (named.length === 0) return p
  const found = await db.model.findMany({ where: { slug: { in: [...new Set(named.map(([, m]) => m))] } }, select: { slug: true } })
  const known = new Set(found.map((m) => m.slug))
  const unknown = named.filter(([, m]) => !known.has(m))
  if (unknown.length > 0)
    throw new AppError('invalid', `invalid policy: ${unknown.slice(0, 5).map(([field, m]) => `${field}: unknown model '${m}' (not in the catalog)`).join('; ')}`)
  return p
}
