import { lookup as dnsLookup } from 'node:dns/promises'
import type { LookupAddress } from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import type { LookupFunction } from 'node:net'
import { refusedAddressReason } from './classify-address'
import { literalAddress, webhookUrlProblem } from './check-webhook-url'
import { webhookAllowList, type WebhookAllowList } from './webhook-allow-list'

export class WebhookRefusedError extends Error {}

export const WEBHOOK_TIMEOUT_MS = 5_000

/** Name → addresses; the system resolver unless a test stands in for DNS. */
export type ResolveHost = (hostname: string, family: number) => Promise<LookupAddress[]>
const systemResolve: ResolveHost = (hostname, family) => dnsLookup(hostname, { all: true, family })

/**
 * A lookup for the socket itself: resolves the name once, refuses it when any answer is not public
 * (a mixed answer is how DNS rebinding slips a private address in), and hands the checked addresses
 * to the connection, so nothing resolves the name a second time.
 */
function checkedLookup(allow: WebhookAllowList, resolve: ResolveHost): LookupFunction {
  return (hostname, options, callback) => {
    const family = typeof options.family === 'number' ? options.family : 0
    resolve(hostname, family).then(
      (addresses) => {
        const refused = addresses.map((a) => refusedAddressReason(a.address, allow)).find(Boolean)
        if (refused || addresses.length === 0)
          return callback(new WebhookRefusedError(`${hostname} resolves to a non-public address: ${refused ?? 'no address'}`), '', 0)
        // net.connect asks for all addresses when it may race IPv4 and IPv6 (autoSelectFamily).
        if (options.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses)
        else callback(null, addresses[0]!.address, addresses[0]!.family)
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    )
  }
}

/**
 * POSTs a body to a webhook URL after the SSRF checks: the save-time rules again (the URL may predate
 * them or the allow-list may have shrunk), then every resolved address. Redirects are never followed
 * (node:http does not), so a 3xx is just a status. Resolves with the HTTP status; throws on refusal,
 * network error or timeout ("timed out").
 */
export async function postWebhook(
  url: URL,
  opts: { headers: Record<string, string>; body: string; timeoutMs: number; resolve?: ResolveHost },
): Promise<number> {
  const allow = webhookAllowList()
  const problem = webhookUrlProblem(url.href, allow)
  if (problem) throw new WebhookRefusedError(`webhook URL ${problem}`)
  const host = url.hostname.toLowerCase().replace(/\.$/, '')
  // A literal address never goes through lookup (the save-time rules above checked it); an allow-listed
  // name is trusted to resolve wherever its operator points it.
  const lookup = literalAddress(url) || allow.hosts.has(host) ? undefined : checkedLookup(allow, opts.resolve ?? systemResolve)
  const request = url.protocol === 'https:' ? https.request : http.request
  const signal = AbortSignal.timeout(opts.timeoutMs)
  return new Promise<number>((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { ...opts.headers, 'content-length': String(Buffer.byteLength(opts.body)) }, lookup, signal, agent: false },
      (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      },
    )
    req.on('error', (err) => reject(signal.aborted ? Object.assign(new Error('timed out'), { name: 'TimeoutError' }) : err))
    req.end(opts.body)
  })
}

/**
 * Sends and demands a 2xx. Webhook URLs often carry their secret in the path (Slack, Teams): errors
 * name the host only.
 */
export async function sendSigned(url: URL, headers: Record<string, string>, body: string, timeoutMs: number, what: string): Promise<number> {
  let status: number
  try {
    status = await postWebhook(url, { headers, body, timeoutMs })
  } catch (err) {
    const e = err as Error & { code?: string }
    const reason = e.name === 'TimeoutError' ? 'timed out' : e.code ? `${e.code} ${e.message}` : e.message
    throw new Error(`${what}: webhook to ${url.host} failed: ${reason}`)
  }
  if (status < 200 || status > 299) throw new Error(`${what}: webhook to ${url.host} answered HTTP ${status}`)
  return status
}
