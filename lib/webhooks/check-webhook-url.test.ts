import { describe, expect, it } from 'vitest'
import { forbiddenWebhookHosts } from '@/test/hostile/webhook-addresses'
import { webhookUrlProblem } from './check-webhook-url'
import { parseWebhookAllowList } from './webhook-allow-list'

const none = parseWebhookAllowList('')

describe('webhookUrlProblem (save time)', () => {
  it.each(forbiddenWebhookHosts)('refuses $what: $host', ({ host }) => {
    expect(webhookUrlProblem(`http://${host}/hook`, none)).toMatch(/must reach a public (address|host)/)
    expect(webhookUrlProblem(`https://${host}:8443/hook`, none)).toMatch(/must reach a public (address|host)/)
    // In words, not the address library's range names (linkLocal, uniqueLocal, carrierGradeNat…).
    expect(webhookUrlProblem(`http://${host}/hook`, none)).not.toMatch(/ is an? [a-z]+[A-Z]\w* address/)
  })

  it.each(['https://hooks.slack.com/services/T0/B0/x', 'https://8.8.8.8/hook', 'http://[2606:4700:4700::1111]/x', 'https://example.com:8443/'])(
    'accepts the public %s',
    (url) => expect(webhookUrlProblem(url, none)).toBeNull(),
  )

  it('the allow-list admits an on-premises receiver by name, address or range, and nothing else', () => {
    const allow = parseWebhookAllowList('hooks.corp, 10.1.0.0/16, 127.0.0.1')
    expect(webhookUrlProblem('http://hooks.corp/x', allow)).toBeNull()
    expect(webhookUrlProblem('http://10.1.2.3/x', allow)).toBeNull()
    expect(webhookUrlProblem('http://2130706433:8080/x', allow)).toBeNull()
    expect(webhookUrlProblem('http://10.2.0.1/x', allow)).toMatch(/private/)
    expect(webhookUrlProblem('http://[::1]/x', allow)).toMatch(/loopback/)
  })

  it('refuses other schemes and names a bad allow-list entry', () => {
    expect(webhookUrlProblem('ftp://example.com/x', none)).toMatch(/http\(s\)/)
    expect(() => parseWebhookAllowList('10.0.0.0/99')).toThrow(/'10.0.0.0\/99' is not a CIDR/)
    expect(() => parseWebhookAllowList('bad host!')).toThrow(/neither a host name/)
  })
})
