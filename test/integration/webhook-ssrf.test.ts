import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { postWebhook, WebhookRefusedError, type ResolveHost } from '@/lib/webhooks/post-webhook'
import { saveTeamPolicy } from '@/lib/policy/save-team-policy'
import { prisma } from '@/lib/db'
import { forbiddenWebhookHosts } from '@/test/hostile/webhook-addresses'
import { createTestTeam } from './fixtures'

// SSRF at send time against a live receiver on this machine (listening on every IPv4 and IPv6 address),
// so a spelling that slipped through would show up as a request it received.
let server: Server
let port: number
let hits = 0
let saveTeam: { id: number } | undefined
const previousAllowList = process.env.WEBHOOK_ALLOWED_HOSTS
const actor = { id: null, name: 'ssrf-test' }

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++
    res.statusCode = req.url === '/redirect' ? 302 : 204
    if (req.url === '/redirect') res.setHeader('location', `http://127.0.0.1:${port}/landed`)
    res.end()
  })
  await new Promise<void>((resolve) => server.listen(0, '::', resolve))
  port = (server.address() as AddressInfo).port
})

afterEach(() => {
  hits = 0
  if (previousAllowList === undefined) delete process.env.WEBHOOK_ALLOWED_HOSTS
  else process.env.WEBHOOK_ALLOWED_HOSTS = previousAllowList
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

const send = (url: string, resolve?: ResolveHost) => postWebhook(new URL(url), { headers: {}, body: '{}', timeoutMs: 2_000, resolve })

describe('webhook SSRF guard', () => {
  it.each(forbiddenWebhookHosts)('send refuses $what ($host) without connecting', async ({ host }) => {
    delete process.env.WEBHOOK_ALLOWED_HOSTS
    await expect(send(`http://${host}:${port}/hook`)).rejects.toBeInstanceOf(WebhookRefusedError)
    expect(hits).toBe(0)
  })

  it.each(forbiddenWebhookHosts)('save refuses $what ($host) with a 422 naming webhookUrl', async ({ host }) => {
    // A refused save writes nothing, so one team serves every spelling.
    saveTeam ??= (await createTestTeam()).team
    const team = saveTeam
    await expect(saveTeamPolicy(prisma, { teamId: team.id, input: { webhookUrl: `http://${host}:${port}/hook` }, actor })).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringMatching(/webhook URL must reach a public (address|host)/),
    })
    expect(await prisma.teamPolicy.count({ where: { teamId: team.id } })).toBe(0)
  })

  it('a public-looking name that resolves to a private address is refused, and so is a mixed answer', async () => {
    const toLoopback: ResolveHost = async () => [{ address: '127.0.0.1', family: 4 }]
    const mixed: ResolveHost = async () => [{ address: '93.184.215.14', family: 4 }, { address: '10.0.0.7', family: 4 }]
    await expect(send(`http://hooks.example.com:${port}/x`, toLoopback)).rejects.toThrow(/resolves to a non-public address: 127\.0\.0\.1 is a loopback/)
    await expect(send(`http://hooks.example.com:${port}/x`, mixed)).rejects.toThrow(/10\.0\.0\.7 is a private/)
    expect(hits).toBe(0)
  })

  it('connects to the address it checked: the name is resolved once, by the guard', async () => {
    process.env.WEBHOOK_ALLOWED_HOSTS = '127.0.0.0/8'
    let lookups = 0
    const once: ResolveHost = async () => {
      lookups++
      return [{ address: '127.0.0.1', family: 4 }]
    }
    expect(await send(`http://hooks.example.com:${port}/x`, once)).toBe(204)
    expect(lookups).toBe(1)
    expect(hits).toBe(1)
  })

  it('the allow-list admits a local receiver; a redirect is returned, not followed', async () => {
    process.env.WEBHOOK_ALLOWED_HOSTS = '127.0.0.1'
    expect(await send(`http://127.0.0.1:${port}/hook`)).toBe(204)
    expect(await send(`http://127.0.0.1:${port}/redirect`)).toBe(302)
    expect(hits).toBe(2)
    await expect(send(`http://[::1]:${port}/hook`)).rejects.toBeInstanceOf(WebhookRefusedError)
  })
})
