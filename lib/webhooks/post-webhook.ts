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

/** A delivery that did not arrive; `reason` says why in words an admin can act on. */
export class WebhookDeliveryError extends Error {
  constructor(
    what: string,
    readonly reason: string,
  ) {
    super(`${what}: ${reason}`)
  }
}

// The system's error codes a receiver most often causes, in words; the code stays in brackets.
const failureWords: Record<string, string> = {
  ENOTFOUND: 'could not be found: no such host name',
  EAI_AGAIN: 'could not be looked up: the name server did not answer',
  ECONNREFUSED: 'refused the connection: nothing listens there',
  ECONNRESET: 'cut the connection',
  EHOSTUNREACH: 'cannot be reached',
  ENETUNREACH: 'cannot be reached',
  ETIMEDOUT: 'did not answer',
  CERT_HAS_EXPIRED: 'has an expired TLS certificate',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'has a self-signed TLS certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'has a TLS certificate from an untrusted issuer',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'has a TLS certificate that could not be verified',
  ERR_TLS_CERT_ALTNAME_INVALID: 'has a TLS certificate for another name',
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
    const said = e.code ? failureWords[e.code] : undefined
    const reason =
      e.name === 'TimeoutError'
        ? `${url.host} did not answer within ${timeoutMs / 1000} s (timed out)`
        : e instanceof WebhookRefusedError
          ? e.message
          : said
            ? `${url.host} ${said} (${e.code})`
            : `webhook to ${url.host} failed: ${e.code ? `${e.code} ` : ''}${e.message}`
    throw new WebhookDeliveryError(what, reason)
  }
  if (status < 200 || status > 299) throw new WebhookDeliveryError(what, `${url.host} answered HTTP ${status}`)
  return status
}
