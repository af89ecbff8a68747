import { Prisma, type Role } from '@prisma/client'
import { runAudited } from '@/lib/audit/run-audited'
import type { AuditActor } from '@/lib/audit/types'
import type { DbClient } from '@/lib/db'
import { hashPassword } from '@/lib/auth/hash-password'
import { AppError } from '@/lib/errors'
import { getTeamBySlugOrThrow } from '@/lib/teams/get-team-by-slug-or-throw'
import { createUserInput } from './schemas'

export type CreatedUser = { id: number; email: string; name: string; role: Role; teamId: number | null; createdAt: Date }

/** Raw input (a form, a CLI flag set): validated here, so role is any string until proven a Role. */
export type CreateUserParams = {
  email: string
  name?: string
  role: string
  teamSlug?: string
  password: string
  actor: AuditActor
}

export async function createUser(db: DbClient, input: CreateUserParams): Promise<CreatedUser> {
  const parsed = createUserInput.safeParse(input)
  if (!parsed.success) throw new AppError('invalid', parsed.error.issues[0]?.message ?? 'invalid user')
  const { email, role, teamSlug, password } = parsed.data
  const name = parsed.data.name || email.split('@')[0] || email
  const team = teamSlug === undefined ? null : await getTeamBySlugOrThrow(db, teamSlug)
  // Hashing takes tens of milliseconds; do it before opening the transaction.
  const passwordHash = await hashPassword(password)
  try {
    return await runAudited(db, input.actor, async (tx) => {
      const user = await tx.user.create({
        data: { email, name, role, teamId: team?.id ?? null, passwordHash },
        select: { id: true, email: true, name: true, role: true, teamId: true, createdAt: true },
      })
      return {
        result: user,
        audit: {
          action: 'user.create',
          entityType: 'user',
          entityId: user.id,
          teamId: user.teamId,
          after: { email, name, role, team: team?.slug ?? null },
        },
      }
    })
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
      throw new AppError('conflict', `A user with the email ${email} already exists.`, { cause: err, field: 'email' })
    }
    throw err
  }
}
