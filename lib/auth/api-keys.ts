import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { Prisma } from '@prisma/client'
import { z } from 'zod'
import { runAudited } from '@/lib/audit/run-audited'
import type { AuditActor } from '@/lib/audit/types'
import type { DbClient } from '@/lib/db'
import { AppError } from '@/lib/errors'

// Key anatomy: ml_<8-char prefix>_<43-char secret>. The prefix is stored in clear so people can tell
// keys apart in lists and logs; the whole key is stored only as its SHA-256 (a 256-bit random secret
// needs no slow hash, and a fast one keeps verification cheap on the ingest path).

export const apiKeyScopes = ['usage:write', 'spend:read', 'spend:read:all', 'usage:write:all', 'bills:write'] as const
export type ApiKeyScope = (typeof apiKeyScopes)[number]

export const defaultTeamKeyScopes: readonly ApiKeyScope[] = ['usage:write', 'spend:read']
export const orgKeyScopes: readonly ApiKeyScope[] = ['spend:read:all']
/**
 * Scopes only an org-wide key may hold: usage:write:all posts usage for the team each event names (the
 * LiteLLM callback); bills:write loads provider bills (POST /api/v1/bills).
 */
export const orgOnlyScopes: readonly ApiKeyScope[] = ['spend:read:all', 'usage:write:all', 'bills:write']
/** The scopes a team key may be given: every scope that is not org-only. */
export const teamKeyScopes: readonly ApiKeyScope[] = apiKeyScopes.filter((s) => !orgOnlyScopes.includes(s))

// 32 symbols, so a byte modulo 32 is unbiased; no 0/o or 1/l to misread when a prefix is read aloud.
const prefixAlphabet = 'abcdefghijkmnpqrstuvwxyz23456789'
const prefixLength = 8
const apiKeyPattern = /^(ml_[a-z0-9]{8})_([A-Za-z0-9_-]{32,})$/
const prefixPattern = /^(?:ml_)?([a-z0-9]{8})$/

export function isApiKeyScope(value: string): value is ApiKeyScope {
  return (apiKeyScopes as readonly string[]).includes(value)
}

/** A fresh key with its display prefix and hash. Random, but touches no I/O. */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = `ml_${Array.from(randomBytes(prefixLength), (b) => prefixAlphabet[b % 32]).join('')}`
  const key = `${prefix}_${randomBytes(32).toString('base64url')}`
  return { key, prefix, hash: hashApiKey(key) }
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex')
}

/** The display prefix of a well-formed key, or null: lets callers reject junk before any lookup. */
export function parseApiKeyPrefix(key: string): string | null {
  return apiKeyPattern.exec(key)?.[1] ?? null
}

/** Constant-time comparison of two hex SHA-256 digests. */
export function isSameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex')
  const right = Buffer.from(b, 'hex')
  return left.length === 32 && right.length === 32 && timingSafeEqual(left, right)
}

export const apiKeyNameSchema = z
  .string({ error: 'Enter a name for the key, such as checkout-service.' })
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/, {
    error: (iss) =>
      iss.input === ''
        ? 'Enter a name for the key, such as checkout-service.'
        : `The key name "${String(iss.input)}" won't do: use 1–64 letters, digits, spaces, '.', '_' or '-', starting with a letter or digit.`,
  })

const scopeSchema = z.enum(apiKeyScopes, {
  error: (iss) => `unknown scope '${String(iss.input)}' (allowed: ${apiKeyScopes.join(', ')})`,
})

export const apiKeyScopesSchema = z.array(scopeSchema).min(1, { error: 'A key needs at least one scope.' })

// An org-wide key reads every team's spend, may post usage naming its team (usage:write:all) and may load
// provider bills (bills:write); a team key may never read or write other teams, nor load bills.
export const createApiKeyInput = z
  .object({
    teamId: z.number().int().positive().nullable(),
    name: apiKeyNameSchema,
    scopes: apiKeyScopesSchema.optional(),
  })
  .superRefine((input, ctx) => {
    if (!input.scopes) return
    if (input.teamId === null && input.scopes.some((s) => !orgOnlyScopes.includes(s))) {
      ctx.addIssue({ code: 'custom', path: ['scopes'], message: `an org-wide key may only have the scopes ${orgOnlyScopes.join(', ')}` })
    }
    const orgOnly = input.teamId === null ? undefined : input.scopes.find((s) => orgOnlyScopes.includes(s))
    if (orgOnly) ctx.addIssue({ code: 'custom', path: ['scopes'], message: `the scope ${orgOnly} is only for org-wide keys` })
  })

/** An API key as it may be shown: never the hash, never the secret. */
export type ApiKeyRecord = {
  id: number
  teamId: number | null
  name: string
  prefix: string
  scopes: string[]
  createdById: number | null
  createdAt: Date
  lastUsedAt: Date | null
  revokedAt: Date | null
}

const publicFields = {
  id: true,
  teamId: true,
  name: true,
  prefix: true,
  scopes: true,
  createdById: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const satisfies Prisma.ApiKeySelect

// Only on error paths, so a message names the team the way people know it.
async function describeOwner(db: DbClient, teamId: number | null): Promise<string> {
  if (teamId === null) return 'org-wide'
  // May run after a failed statement aborted the caller's transaction; the message must not fail too.
  const team = await db.team.findUnique({ where: { id: teamId }, select: { slug: true } }).catch(() => null)
  return team ? `team '${team.slug}'` : `team ${teamId}`
}

/** Creates a key and returns its plaintext exactly once; only the hash is stored. */
export async function createApiKey(
  db: DbClient,
  input: {
    teamId: number | null
    name: string
    /** Validated here; omitted = usage:write + spend:read for a team key, spend:read:all org-wide. */
    scopes?: readonly string[]
    createdById?: number | null
    actor: AuditActor
  },
): Promise<{ key: string; record: ApiKeyRecord }> {
  const parsed = createApiKeyInput.safeParse(input)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new AppError('invalid', issue?.message ?? 'invalid API key', { field: typeof issue?.path[0] === 'string' ? issue.path[0] : undefined })
  }
  const { teamId, name } = parsed.data
  const scopes = [...new Set(parsed.data.scopes ?? (teamId === null ? orgKeyScopes : defaultTeamKeyScopes))]
  const conflict = async () =>
    new AppError('conflict', `A key named "${name}" already exists (${await describeOwner(db, teamId)}): choose another name.`, { field: 'name' })

  // Postgres treats NULL team ids as distinct, so the (team, name) constraint cannot guard org-wide keys.
  const existing = await db.apiKey.findFirst({ where: { teamId, name }, select: { id: true } })
  if (existing) throw await conflict()

  const { key, prefix, hash } = generateApiKey()
  try {
    const record = await runAudited(db, input.actor, async (tx) => {
      const created = await tx.apiKey.create({
        data: { teamId, name, prefix, hash, scopes, createdById: input.createdById ?? input.actor.id ?? null },
        select: publicFields,
      })
      return {
        result: created,
        audit: {
          action: 'api_key.create',
          entityType: 'api_key',
          entityId: created.id,
          teamId,
          after: { name, prefix, scopes },
        },
      }
    })
    return { key, record }
  } catch (err) {
    // A prefix collision is astronomically unlikely; a name race is not, and both surface as P2002.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') throw await conflict()
    throw err
  }
}

/** Revokes one key of a team (teamId null = an org-wide key), found by name or by prefix. */
export async function revokeApiKey(
  db: DbClient,
  input: { teamId: number | null; name?: string; prefix?: string; actor: AuditActor },
): Promise<ApiKeyRecord> {
  if ((input.name === undefined) === (input.prefix === undefined)) {
    throw new AppError('bad_request', 'give either a key name or a key prefix')
  }
  let where: Prisma.ApiKeyWhereInput
  let label: string
  if (input.prefix !== undefined) {
    const match = prefixPattern.exec(input.prefix.trim())
    if (!match) throw new AppError('invalid', `invalid key prefix '${input.prefix}' (expected ml_ and 8 characters)`)
    where = { teamId: input.teamId, prefix: `ml_${match[1]}` }
    label = `with prefix 'ml_${match[1]}'`
  } else {
    where = { teamId: input.teamId, name: input.name?.trim() }
    label = `named '${input.name}'`
  }

  return runAudited(db, input.actor, async (tx) => {
    const found = await tx.apiKey.findFirst({ where, select: publicFields })
    if (!found) throw new AppError('not_found', `no API key ${label} (${await describeOwner(tx, input.teamId)})`)
    const alreadyRevoked = () =>
      new AppError('conflict', `API key ${label} was already revoked at ${found.revokedAt?.toISOString() ?? 'an earlier time'}`)
    if (found.revokedAt) throw alreadyRevoked()
    // Guarded on revoked_at so two concurrent revocations leave one timestamp and one audit row.
    const { count } = await tx.apiKey.updateMany({ where: { id: found.id, revokedAt: null }, data: { revokedAt: new Date() } })
    if (count === 0) throw alreadyRevoked()
    const revoked = await tx.apiKey.findUniqueOrThrow({ where: { id: found.id }, select: publicFields })
    return {
      result: revoked,
      audit: {
        action: 'api_key.revoke',
        entityType: 'api_key',
        entityId: found.id,
        teamId: found.teamId,
        before: { name: found.name, prefix: found.prefix, revokedAt: null },
        after: { name: found.name, prefix: found.prefix, revokedAt: revoked.revokedAt?.toISOString() ?? null },
      },
    }
  })
}

/** A team's keys, oldest first (teamId null = org-wide keys). Never includes the hash. */
export async function listApiKeys(db: DbClient, teamId: number | null): Promise<ApiKeyRecord[]> {
  return db.apiKey.findMany({ where: { teamId }, select: publicFields, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })
}
