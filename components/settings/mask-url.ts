// Webhook URLs often carry their secret in the path (Slack, Teams): pages and exports show the
// scheme and host only, like the delivery logs do.
export function maskUrl(raw: string): string {
  try {
    const u = new URL(raw)
    const hasMore = u.pathname.length > 1 || u.search !== ''
    return `${u.protocol}//${u.host}${hasMore ? '/…' : ''}`
  } catch {
    return '(invalid URL)'
  }
}

const urlKey = /webhook|url/i

/** Deep copy of an audit before/after value with every URL under a webhook/url key masked. */
export function maskSecrets(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return urlKey.test(key) && /^https?:\/\//i.test(value) ? maskUrl(value) : value
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v, key))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskSecrets(v, k)]))
  }
  return value
}
