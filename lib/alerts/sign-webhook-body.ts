import { createHmac, timingSafeEqual } from 'node:crypto'
import { env } from '@/lib/env'

export const SIGNATURE_HEADER = 'X-ModelLedger-Signature'
export const TIMESTAMP_HEADER = 'X-ModelLedger-Timestamp'

/** `sha256=<hex HMAC-SHA256 of the exact body bytes>`, the value of X-ModelLedger-Signature. */
export function signWebhookBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`
}

/** What a receiver does: recompute over the raw body and compare in constant time. */
export function isValidWebhookSignature(body: string, secret: string, header: string | null | undefined): boolean {
  if (!header) return false
  const expected = Buffer.from(signWebhookBody(body, secret))
  const given = Buffer.from(header)
  return expected.length === given.length && timingSafeEqual(expected, given)
}

/**
 * WEBHOOK_SIGNING_SECRET, falling back to AUTH_SECRET. Read at call time (not at import) so a rotated
 * secret or a test's value is picked up; without either there is nothing to sign with, which is a
 * configuration error worth failing the job for.
 */
export function webhookSigningSecret(): string {
  const secret = process.env.WEBHOOK_SIGNING_SECRET?.trim() || env.AUTH_SECRET
  if (!secret) throw new Error('set WEBHOOK_SIGNING_SECRET (or AUTH_SECRET) to sign alert webhooks')
  return secret
}
