import { Prisma, type Team } from '@prisma/client'
import { runAudited } from '@/lib/audit/run-audited'
import type { AuditActor } from '@/lib/audit/types'
import type { DbClient } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { createTeamInput, type CreateTeamInput } from './schemas'

export async function createTeam(db: DbClient, input: CreateTeamInput & { actor: AuditActor }): Promise<Team> {
  const parsed = createTeamInput.safeParse(input)
  if (!parsed.success) throw new AppError('invalid', parsed.error.issues[0]?.message ?? 'invalid team')
  const { slug, name } = parsed.data
  try {
    return await runAudited(db, input.actor, async (tx) => {
      const team = await tx.team.create({ data: { slug, name } })
      return {
        result: team,
        audit: { action: 'team.create', entityType: 'team', entityId: team.id, teamId: team.id, after: { slug, name } },
      }
    })
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
      throw new AppError('conflict', `A team with the slug "${slug}" already exists: choose another slug.`, { cause: err, field: 'slug' })
    }
    throw err
  }
}
