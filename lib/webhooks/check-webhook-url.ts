import ipaddr from 'ipaddr.js'
import { refusedAddressReason } from './classify-address'
import { webhookAllowList, type WebhookAllowList } from './webhook-allow-list'

/** The URL's host as an IP literal (brackets off), or null when it is a name. */
export function literalAddress(url: URL): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, '')
  return ipaddr.isValid(host) ? host : null
}

/**
 * Save-time check of a webhook URL: http(s), and a host that is a public address or a name that is not
 * obviously local. Names are resolved only at send time (postWebhook checks every address then), since
 * DNS can change between the two. The WHATWG URL parser has already turned 2130706433, 0x7f.1 and 127.1
 * into 127.0.0.1. Returns why the URL is refused, or null.
 */
export function webhookUrlProblem(raw: string, allow: WebhookAllowList = webhookAllowList()): string | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return 'is not a URL'
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http(s) URL'
  const host = url.hostname.toLowerCase().replace(/\.$/, '')
  if (allow.hosts.has(host)) return null
  const literal = literalAddress(url)
  if (literal) {
    const reason = refusedAddressReason(literal, allow)
    return reason && `must reach a public address: ${reason} (allow on-premises receivers with WEBHOOK_ALLOWED_HOSTS)`
  }
  // Single-label names resolve through search domains to hosts of the local network (redis, postgres…).
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal') || host.endsWith('.local') || !host.includes('.'))
    return `must reach a public host: '${host}' names a local one (allow on-premises receivers with WEBHOOK_ALLOWED_HOSTS)`
  return null
}
