import { describe, expect, it } from 'vitest'
import { openSecret, sealSecret } from './secret-box'

const key = 'b7e2c9a41f0d6e3b8a5c2f9e1d4b7a0c3e6f9b2d5a8c1e4f7b0a3d6c9e2f5b8a'
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'

describe('secret box (webhook secrets at rest)', () => {
  it('round-trips, and the stored text holds neither the secret nor a fixed encoding of it', () => {
    const a = sealSecret(secret, 7, key)
    const b = sealSecret(secret, 7, key)
    expect(openSecret(a, 7, key)).toBe(secret)
    expect(a).not.toContain(secret.slice(6))
    expect(a).not.toBe(b) // a fresh IV each time
  })

  it('refuses another team, another key and any altered byte', () => {
    const sealed = sealSecret(secret, 7, key)
    expect(() => openSecret(sealed, 8, key)).toThrow()
    expect(() => openSecret(sealed, 7, `${key.slice(1)}0`)).toThrow()
    const raw = Buffer.from(sealed.slice(3), 'base64')
    raw[raw.length - 1]! ^= 1
    expect(() => openSecret(`v1.${raw.toString('base64')}`, 7, key)).toThrow()
    expect(() => sealSecret(secret, 7, '')).toThrow(/set WEBHOOK_SECRETS_KEY/)
  })
})
