import type pg from 'pg'
import { sendSigned, WEBHOOK_TIMEOUT_MS } from '@/lib/webhooks/post-webhook'
import { signWebhook } from '@/lib/webhooks/sign-webhook'
import { signingSecrets } from '@/lib/webhooks/webhook-secrets'

export type DeliverAlertResult =
  | { status: 'delivered'; httpStatus: number }
  | { status: 'already_delivered' | 'no_webhook' | 'invalid_webhook' | 'no_secret' | 'not_found' }

type AlertRow = {
  id: number
  team_id: number
  team_slug: string
  kind: string
  dedupe_key: string
  message: string
  data: unknown
  created_at: Date
  delivered_at: Date | null
  webhook_url: string | null
}

/** The Standard Webhooks message id: the same on every retry, so receivers dedupe on it. */
export function alertMessageId(alertId: number): string {
  return `alert_${alertId}`
}

/**
 * POSTs one alert to its team's current webhook, signed with the team's own secrets (Standard
 * Webhooks). A non-2xx answer, a redirect, a refused address, a timeout or a network error throws, so
 * the queue retries with backoff; success stamps delivered_at. Every real attempt is counted. A team
 * without a signing secret gets nothing (no attempt counted): the stranded-alert sweep delivers once an
 * admin creates one. Delivery is at least once: receivers dedupe on webhook-id.
 */
export async function deliverAlert(pool: pg.Pool, alertId: number, opts: { now?: Date; timeoutMs?: number } = {}): Promise<DeliverAlertResult> {
  const { rows } = await pool.query<AlertRow>(
    `SELECT a.id, a.team_id, t.slug AS team_slug, a.kind::text AS kind, a.dedupe_key, a.message, a.data, a.created_at, a.delivered_at, p.webhook_url
       FROM alerts a
       JOIN teams t ON t.id = a.team_id
       LEFT JOIN LATERAL (SELECT webhook_url FROM team_policies WHERE team_id = a.team_id ORDER BY version DESC LIMIT 1) p ON true
      WHERE a.id = $1`,
    [alertId],
  )
  const alert = rows[0]
  // A deleted alert (its team was removed) or one already sent: nothing to retry.
  if (!alert) return { status: 'not_found' }
  if (alert.delivered_at) return { status: 'already_delivered' }
  const raw = alert.webhook_url?.trim()
  if (!raw) return { status: 'no_webhook' }
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { status: 'invalid_webhook' }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { status: 'invalid_webhook' }
  const now = opts.now ?? new Date()
  const secrets = await signingSecrets(pool, alert.team_id, now)
  if (secrets.length === 0) return { status: 'no_secret' }

  const body = JSON.stringify({
    id: alert.id,
    kind: alert.kind,
    team: alert.team_slug,
    message: alert.message,
    data: alert.data,
    dedupe_key: alert.dedupe_key,
    created_at: alert.created_at.toISOString(),
    // Equal to the signed webhook-timestamp; kept for receivers that read it from the body.
    sent_at: now.toISOString(),
  })
  const signed = signWebhook({ id: alertMessageId(alert.id), at: now, body, secrets })

  // Counted before sending, so an attempt that dies mid-request (process killed) still shows.
  await pool.query('UPDATE alerts SET attempts = attempts + 1 WHERE id = $1', [alertId])
  const status = await sendSigned(url, { ...signed, 'content-type': 'application/json', 'user-agent': 'ModelLedger-Webhook/1' }, body, opts.timeoutMs ?? WEBHOOK_TIMEOUT_MS, `alert ${alertId}`)
  await pool.query('UPDATE alerts SET delivered_at = now() WHERE id = $1 AND delivered_at IS NULL', [alertId])
  return { status: 'delivered', httpStatus: status }
}
