import { randomBytes } from 'node:crypto'
import type pg from 'pg'
import type { AuditActor } from '@/lib/audit/types'
import type { DbClient } from '@/lib/db'
import { runAudited } from '@/lib/audit/run-audited'
import { env } from '@/lib/env'
import { AppError } from '@/lib/errors'
import { openSecret, sealSecret } from './secret-box'

// One signing secret per team webhook endpoint, never derived from AUTH_SECRET: a receiver that holds
// it can verify (and forge) that team's alerts and nothing else.

/** How long a rotated-out secret keeps signing, so receivers can switch without losing alerts. */
export const DEFAULT_OVERLAP_HOURS = 24

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`
}

function masterKey(): string {
  return env.WEBHOOK_SECRETS_KEY ?? ''
}

/**
 * Makes a new current secret for the team and returns it in plain text — the only time it is shown.
 * The previous current secret keeps signing for overlapHours (0 = stops at once); secrets already past
 * their window are deleted.
 */
export async function rotateWebhookSecret(
  db: DbClient,
  args: { teamId: number; actor: AuditActor; overlapHours?: number; now?: Date },
): Promise<{ secret: string; previousValidUntil: Date | null }> {
  const now = args.now ?? new Date()
  const overlapHours = args.overlapHours ?? DEFAULT_OVERLAP_HOURS
  if (!Number.isInteger(overlapHours) || overlapHours < 0 || overlapHours > 24 * 30)
    throw new AppError('invalid', 'overlapHours: a whole number of hours from 0 to 720')
  const secret = generateWebhookSecret()
  const ciphertext = sealSecret(secret, args.teamId, masterKey())
  return runAudited(db, args.actor, async (tx) => {
    const team = await tx.team.findUnique({ where: { id: args.teamId }, select: { id: true } })
    if (!team) throw new AppError('not_found', `unknown team ${args.teamId}`)
    await tx.webhookSecret.deleteMany({ where: { teamId: args.teamId, expiresAt: { lte: now } } })
    const until = new Date(now.getTime() + overlapHours * 3_600_000)
    const retired = await tx.webhookSecret.updateMany({ where: { teamId: args.teamId, expiresAt: null }, data: { expiresAt: until } })
    const row = await tx.webhookSecret.create({ data: { teamId: args.teamId, ciphertext, createdById: args.actor.id ?? null, createdAt: now } })
    const previousValidUntil = retired.count > 0 && overlapHours > 0 ? until : null
    return {
      result: { secret, previousValidUntil },
      // The audit row says that it happened and until when the old one signs; never the secret.
      audit: {
        action: 'webhook_secret.rotate',
        entityType: 'webhook_secret',
        entityId: row.id,
        teamId: args.teamId,
        before: null,
        after: { previousValidUntil: previousValidUntil?.toISOString() ?? null },
      },
    }
  })
}

/** The secrets that sign a delivery now, newest first, decrypted. Empty when the team has none. */
export async function signingSecrets(pool: Pick<pg.Pool, 'query'>, teamId: number, now = new Date()): Promise<string[]> {
  const { rows } = await pool.query<{ ciphertext: string }>(
    'SELECT ciphertext FROM webhook_secrets WHERE team_id = $1 AND (expires_at IS NULL OR expires_at > $2) ORDER BY id DESC',
    [teamId, now],
  )
  return rows.map((r) => openSecret(r.ciphertext, teamId, masterKey()))
}

export type WebhookSecretStatus = { teamId: number; currentSince: Date | null; previousValidUntil: Date | null }

/** For the settings page: when the current secret was made and until when a rotated-out one signs. */
export async function webhookSecretStatus(db: DbClient, now = new Date()): Promise<Map<number, WebhookSecretStatus>> {
  const rows = await db.webhookSecret.findMany({
    where: { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    select: { teamId: true, createdAt: true, expiresAt: true },
  })
  const out = new Map<number, WebhookSecretStatus>()
  for (const r of rows) {
    const s = out.get(r.teamId) ?? { teamId: r.teamId, currentSince: null, previousValidUntil: null }
    if (r.expiresAt === null) s.currentSince = r.createdAt
    else if (!s.previousValidUntil || r.expiresAt > s.previousValidUntil) s.previousValidUntil = r.expiresAt
    out.set(r.teamId, s)
  }
  return out
}
