import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { isValidWebhookSignature, signWebhookBody } from './sign-webhook-body'

describe('webhook signatures', () => {
  const body = '{"id":1,"message":"café"}'
  it('is sha256=<hex HMAC> over the exact UTF-8 body', () => {
    expect(signWebhookBody(body, 's3cret')).toBe(`sha256=${createHmac('sha256', 's3cret').update(Buffer.from(body, 'utf8')).digest('hex')}`)
  })
  it('verifies only the same body with the same secret', () => {
    const sig = signWebhookBody(body, 's3cret')
    expect(isValidWebhookSignature(body, 's3cret', sig)).toBe(true)
    expect(isValidWebhookSignature(`${body} `, 's3cret', sig)).toBe(false)
    expect(isValidWebhookSignature(body, 'other', sig)).toBe(false)
    expect(isValidWebhookSignature(body, 's3cret', null)).toBe(false)
  })
})
