import ipaddr from 'ipaddr.js'

// WEBHOOK_ALLOWED_HOSTS: comma-separated host names and/or addresses or CIDR ranges that may receive
// webhooks although they are not public (an on-premises receiver, a test receiver on 127.0.0.1).
// lib/env.ts validates it at start-up; it is read here at call time (not from the env snapshot) so a
// test can set it, and the parse is cached per value.

export type WebhookAllowList = { hosts: ReadonlySet<string>; ranges: readonly [ipaddr.IPv4 | ipaddr.IPv6, number][] }

let cached: { raw: string; list: WebhookAllowList } | undefined

/** Throws naming the entry that is neither a host name nor an address/CIDR. */
export function parseWebhookAllowList(raw: string): WebhookAllowList {
  const hosts = new Set<string>()
  const ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] = []
  for (const entry of raw.split(',').map((e) => e.trim().toLowerCase()).filter(Boolean)) {
    if (entry.includes('/')) {
      try {
        ranges.push(ipaddr.parseCIDR(entry))
      } catch {
        throw new Error(`WEBHOOK_ALLOWED_HOSTS: '${entry}' is not a CIDR range such as 10.0.0.0/8`)
      }
    } else if (ipaddr.isValid(entry)) {
      const a = ipaddr.parse(entry)
      ranges.push([a, a.kind() === 'ipv4' ? 32 : 128])
    } else if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(entry)) {
      hosts.add(entry)
    } else {
      throw new Error(`WEBHOOK_ALLOWED_HOSTS: '${entry}' is neither a host name nor an address or CIDR range`)
    }
  }
  return { hosts, ranges }
}

export function webhookAllowList(): WebhookAllowList {
  const raw = process.env.WEBHOOK_ALLOWED_HOSTS ?? ''
  if (cached?.raw !== raw) cached = { raw, list: parseWebhookAllowList(raw) }
  return cached.list
}
