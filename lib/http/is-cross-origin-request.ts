// CSRF guard for cookie-authenticated writes outside Auth.js: a browser always sends Origin on a
// cross-origin POST, so a mutation whose Origin names another host than the one it was sent to is
// refused. Compared the way Next compares it for server actions (x-forwarded-host, else host), so a
// TLS proxy in front keeps working. No Origin at all is a non-browser client (curl, a service with
// an API key), which carries no victim's cookies; 'null' (sandboxed frames, some redirects) is refused.

export function isCrossOriginRequest(headers: Headers): boolean {
  const origin = headers.get('origin')
  if (origin === null) return false
  if (origin === 'null') return true
  let originHost: string
  try {
    originHost = new URL(origin).host
  } catch {
    return true
  }
  const host = (headers.get('x-forwarded-host') ?? headers.get('host') ?? '').split(',')[0]?.trim() ?? ''
  return host === '' || originHost.toLowerCase() !== host.toLowerCase()
}

/** GET, HEAD and OPTIONS change nothing; everything else is a write. */
export function isSafeMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS'
}
