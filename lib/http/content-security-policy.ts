// The Content-Security-Policy of every page (proxy.ts sets it per request; next.config.js gives API
// responses a deny-all one). Pure, so the policy is reviewed and unit-tested in one place.
//
// Scripts: only those carrying this request's nonce, and what they load ('strict-dynamic'); Next puts
// the nonce on its own scripts when it finds it in the request's CSP header. No 'unsafe-inline' for
// scripts. Styles keep 'unsafe-inline': the charts and Tremor components set style="" attributes,
// which a nonce cannot cover (see docs/security.md).

export type CspOptions = {
  /** Fresh per request, base64. */
  nonce: string
  /** next dev: React needs eval for its error overlays and stack reconstruction. */
  dev?: boolean
  /** The request came over https (directly or through a TLS proxy). */
  https?: boolean
  /**
   * The bull-board queue admin (/admin/queues): a prebuilt single-page app served by a route handler,
   * whose script tags carry no nonce (its Google Fonts link is stripped before it is served).
   */
  queueBoard?: boolean
}

export function contentSecurityPolicy(opts: CspOptions): string {
  const script = opts.queueBoard ? ["'self'"] : ["'self'", `'nonce-${opts.nonce}'`, "'strict-dynamic'"]
  if (opts.dev) script.push("'unsafe-eval'")
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', ...script],
    ['style-src', "'self'", "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'", 'data:'],
    ['connect-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
  ]
  if (opts.https) directives.push(['upgrade-insecure-requests'])
  return directives.map((d) => d.join(' ')).join('; ')
}

/** A fresh nonce: 128 random bits, base64. */
export function createNonce(): string {
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  return btoa(String.fromCharCode(...bytes))
}

/** The nonce a CSP header carries, or null. */
export function nonceOf(policy: string): string | null {
  return /'nonce-([A-Za-z0-9+/=_-]+)'/.exec(policy)?.[1] ?? null
}
