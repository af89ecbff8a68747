import ipaddr from 'ipaddr.js'
import type { WebhookAllowList } from './webhook-allow-list'

// Only globally routable unicast may receive a webhook: everything else reaches this machine, its
// network or its cloud (loopback, RFC 1918, link-local incl. 169.254.169.254, unique-local incl.
// fd00:ec2::254, CGNAT, multicast, broadcast, reserved…). IPv6 forms that embed an IPv4 address
// (mapped, compatible, NAT64, 6to4, Teredo) are refused outright: what they reach depends on the
// network's translators, not on the embedded address alone.

/** Why an address may not receive a webhook, or null when it may. `address` is a literal IP. */
export function refusedAddressReason(address: string, allow: WebhookAllowList): string | null {
  let ip: ipaddr.IPv4 | ipaddr.IPv6
  try {
    // ipaddr.parse also reads the legacy IPv4 spellings (2130706433, 0x7f.1, 017700000001, 127.1).
    ip = ipaddr.parse(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''))
  } catch {
    return `'${address}' is not an IP address`
  }
  if (allow.ranges.some(([net, bits]) => net.kind() === ip.kind() && ip.match(net, bits))) return null
  const range = ip.range()
  if (ip.kind() === 'ipv6') {
    const v6 = ip as ipaddr.IPv6
    // ::a.b.c.d (IPv4-compatible, deprecated) is not one of ipaddr.js's named ranges.
    if (range === 'unicast' && v6.parts.slice(0, 6).every((p) => p === 0)) return `${v6.toString()} is an IPv4-compatible IPv6 address`
  }
  if (range !== 'unicast') return `${ip.toString()} is ${rangeWords[range] ?? `a ${range} address`}, not a public one`
  return null
}

// ipaddr.js's range names, as a person reads them.
const rangeWords: Record<string, string> = {
  loopback: 'a loopback address (this machine)',
  private: 'a private network address',
  linkLocal: 'a link-local address (cloud metadata lives there)',
  uniqueLocal: 'a unique-local (private IPv6) address',
  carrierGradeNat: 'a carrier-grade NAT address',
  unspecified: 'the unspecified address (this machine)',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  reserved: 'a reserved address',
  ipv4Mapped: 'an IPv4-mapped IPv6 address',
  rfc6145: 'an IPv4-translated IPv6 address',
  rfc6052: 'an IPv4-embedded (NAT64) IPv6 address',
  '6to4': 'a 6to4 IPv6 address',
  teredo: 'a Teredo IPv6 address',
  deprecatedSiteLocal: 'a site-local (old private IPv6) address',
  discard: 'a discard-only IPv6 address',
  benchmarking: 'a benchmarking address',
}
