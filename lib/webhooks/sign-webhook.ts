import { Webhook } from 'standardwebhooks'

// Standard Webhooks (standardwebhooks.com): webhook-id, webhook-timestamp (Unix seconds) and
// webhook-signature "v1,<base64 HMAC-SHA256 of id.timestamp.body>". During a rotation's overlap every
// live secret signs, space-separated, so a receiver holding either the old or the new one verifies.

export type WebhookHeaders = { 'webhook-id': string; 'webhook-timestamp': string; 'webhook-signature': string }

export function signWebhook(args: { id: string; at: Date; body: string; secrets: readonly string[] }): WebhookHeaders {
  if (args.secrets.length === 0) throw new Error('no webhook signing secret to sign with')
  return {
    'webhook-id': args.id,
    'webhook-timestamp': String(Math.floor(args.at.getTime() / 1000)),
    'webhook-signature': args.secrets.map((s) => new Webhook(s).sign(args.id, args.at, args.body)).join(' '),
  }
}
