import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import { recordAuditBy } from '@/lib/audit/record-audit'
import type { AuditActor } from '@/lib/audit/types'
import { prisma } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { sendSigned, WebhookDeliveryError, WEBHOOK_TIMEOUT_MS } from './post-webhook'
import { signWebhook } from './sign-webhook'
import { signingSecrets } from './webhook-secrets'

export type TestWebhookResult = { ok: true; httpStatus: number; id: string } | { ok: false; reason: string; id: string }

/**
 * Sends a signed `test` event to the team's current webhook, exactly as an alert goes (same guard, same
 * signatures), so an admin can check a receiver after setting it up or rotating its secret. Stores
 * nothing but an audit row with the outcome.
 */
export async function sendTestWebhook(pool: pg.Pool, args: { teamId: number; actor: AuditActor; now?: Date }): Promise<TestWebhookResult> {
  const now = args.now ?? new Date()
  const { rows } = await pool.query<{ slug: string; webhook_url: string | null }>(
    `SELECT t.slug, p.webhook_url FROM teams t
       LEFT JOIN LATERAL (SELECT webhook_url FROM team_policies WHERE team_id = t.id ORDER BY version DESC LIMIT 1) p ON true
      WHERE t.id = $1`,
    [args.teamId],
  )
  const team = rows[0]
  if (!team) throw new AppError('not_found', `unknown team ${args.teamId}`)
  if (!team.webhook_url?.trim()) throw new AppError('invalid', `team ${team.slug} has no webhook: set one in its policy first`)
  const secrets = await signingSecrets(pool, args.teamId, now)
  if (secrets.length === 0) throw new AppError('invalid', `team ${team.slug} has no signing secret yet: generate one first`)

  const id = `test_${randomUUID()}`
  const body = JSON.stringify({ type: 'test', team: team.slug, message: 'Test event from ModelLedger: your receiver verified this signature.', sent_at: now.toISOString() })
  const headers = { ...signWebhook({ id, at: now, body, secrets }), 'content-type': 'application/json', 'user-agent': 'ModelLedger-Webhook/1' }
  let result: TestWebhookResult
  try {
    result = { ok: true, httpStatus: await sendSigned(new URL(team.webhook_url), headers, body, WEBHOOK_TIMEOUT_MS, 'test event'), id }
  } catch (err) {
    result = { ok: false, reason: err instanceof WebhookDeliveryError ? err.reason : (err as Error).message, id }
  }
  await recordAuditBy(prisma, args.actor, {
    action: 'webhook.test',
    entityType: 'team',
    entityId: args.teamId,
    teamId: args.teamId,
    before: null,
    after: result.ok ? { id, httpStatus: result.httpStatus } : { id, failure: result.reason },
  })
  return result
}
