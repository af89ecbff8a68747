import type pg from 'pg'
import { signWebhookBody, SIGNATURE_HEADER, TIMESTAMP_HEADER, webhookSigningSecret } from './sign-webhook-body'

export const WEBHOOK_TIMEOUT_MS = 5_000

export type DeliverAlertResult =
  | { status: 'delivered'; httpStatus: number }
  | { status: 'already_delivered' | 'no_webhook' | 'invalid_webhook' | 'not_found' }

type AlertRow = {
  id: number
  team_slug: string
  kind: string
  dedupe_key: string
  message: string
  data: unknown
  created_at: Date
  delivered_at: Date | null
  webhook_url: string | null
}

/**
 * POSTs one alert to its team's current webhook, signed. A non-2xx answer, a redirect, a timeout or a
 * network error throws, so the queue retries with backoff; success stamps delivered_at. Every real
 * attempt is counted. Delivery is at least once: receivers dedupe on the alert id (body and header).
 */
export async function deliverAlert(pool: pg.Pool, alertId: number, opts: { now?: Date; timeoutMs?: number } = {}): Promise<DeliverAlertResult> {
  const { rows } = await pool.query<AlertRow>(
    `SELECT a.id, t.slug AS team_slug, a.kind::text AS kind, a.dedupe_key, a.message, a.data, a.created_at, a.delivered_at, p.webhook_url
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
  const body = JSON.stringify({
    id: alert.id,
    kind: alert.kind,
    team: alert.team_slug,
    message: alert.message,
    data: alert.data,
    dedupe_key: alert.dedupe_key,
    created_at: alert.created_at.toISOString(),
    // Inside the signed body, so a receiver can refuse replays of an old delivery.
    sent_at: now.toISOString(),
  })
  const signature = signWebhookBody(body, webhookSigningSecret())

  // Counted before sending, so an attempt that dies mid-request (process killed) still shows.
  await pool.query('UPDATE alerts SET attempts = attempts + 1 WHERE id = $1', [alertId])
  // Webhook URLs often carry their secret in the path (Slack, Teams): errors name the host only.
  let res: Response
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'ModelLedger-Webhook/1',
        [SIGNATURE_HEADER]: signature,
        [TIMESTAMP_HEADER]: String(Math.floor(now.getTime() / 1000)),
        'X-ModelLedger-Alert-Id': String(alert.id),
      },
      body,
      // A redirect is not followed: the signed body goes only where the team said, and a 3xx counts as a failure.
      redirect: 'manual',
      signal: AbortSignal.timeout(opts.timeoutMs ?? WEBHOOK_TIMEOUT_MS),
    })
  } catch (err) {
    // undici says only "fetch failed"; the cause says why (ECONNREFUSED, DNS, TLS).
    const e = err as Error & { cause?: { message?: string } }
    const reason = e.name === 'TimeoutError' ? 'timed out' : (e.cause?.message ?? e.message)
    throw new Error(`alert ${alertId}: webhook to ${url.host} failed: ${reason}`)
  }
  await res.body?.cancel().catch(() => undefined)
  if (res.status < 200 || res.status > 299) throw new Error(`alert ${alertId}: webhook to ${url.host} answered HTTP ${res.status}`)
  await pool.query('UPDATE alerts SET delivered_at = now() WHERE id = $1 AND delivered_at IS NULL', [alertId])
  return { status: 'delivered', httpStatus: res.status }
}
