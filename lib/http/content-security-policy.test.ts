import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy, createNonce, nonceOf } from './content-security-policy'

const directives = (policy: string) => new Map(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)] as const))

describe('contentSecurityPolicy', () => {
  it('lets only nonce-carrying scripts run on pages: no unsafe-inline, no unsafe-eval, no framing', () => {
    const d = directives(contentSecurityPolicy({ nonce: 'abc123==' }))
    expect(d.get('script-src')).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"])
    expect(d.get('frame-ancestors')).toEqual(["'none'"])
    expect(d.get('object-src')).toEqual(["'none'"])
    expect(d.get('base-uri')).toEqual(["'self'"])
    expect(d.get('form-action')).toEqual(["'self'"])
    expect(d.get('default-src')).toEqual(["'self'"])
    expect(d.has('upgrade-insecure-requests')).toBe(false)
  })

  it("allows eval only in next dev, and upgrades subresources only over https", () => {
    expect(directives(contentSecurityPolicy({ nonce: 'n', dev: true })).get('script-src')).toContain("'unsafe-eval'")
    expect(contentSecurityPolicy({ nonce: 'n' })).not.toContain('unsafe-eval')
    expect(directives(contentSecurityPolicy({ nonce: 'n', https: true })).has('upgrade-insecure-requests')).toBe(true)
  })

  it('the queue board runs its own same-origin scripts (no nonce on them), still without inline script or framing', () => {
    const d = directives(contentSecurityPolicy({ nonce: 'n', queueBoard: true }))
    expect(d.get('script-src')).toEqual(["'self'"])
    expect(d.get('frame-ancestors')).toEqual(["'none'"])
    // bull-board's Google Fonts link is stripped (lib/queue-board/strip-network-fonts): no third-party hosts.
    expect(d.get('style-src')).toEqual(["'self'", "'unsafe-inline'"])
    expect(d.get('font-src')).toEqual(["'self'", 'data:'])
  })

  it('keeps inline styles (style attributes of the charts), and only there', () => {
    const policy = contentSecurityPolicy({ nonce: 'n' })
    expect(directives(policy).get('style-src')).toContain("'unsafe-inline'")
    expect(policy.match(/'unsafe-inline'/g)).toHaveLength(1)
  })
})

describe('nonces', () => {
  it('are fresh, 128-bit, and read back from the policy', () => {
    const a = createNonce()
    const b = createNonce()
    expect(a).not.toBe(b)
    expect(Buffer.from(a, 'base64')).toHaveLength(16)
    expect(nonceOf(contentSecurityPolicy({ nonce: a }))).toBe(a)
    expect(nonceOf("script-src 'self'")).toBeNull()
  })
})
