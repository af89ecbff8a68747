import http from 'node:http'

// One POST /api/v1/usage over a keep-alive agent, for both load clients (bench/load-generator.ts and
// ./retrying-client.ts). Never rejects: a failure is a status word the caller can count.

export type UsageAnswer = {
  /** The HTTP status ('201'), or 'timeout', 'keepalive-reset', 'network-<code>'. */
  status: string
  /** Seconds, when the server sent Retry-After. */
  retryAfter: number | null
  body: string
}

export function postUsage(agent: http.Agent, url: URL, apiKey: string, body: Buffer, timeoutMs = 30_000): Promise<UsageAnswer> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        timeout: timeoutMs,
        headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: `Bearer ${apiKey}` },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const ra = res.headers['retry-after']
          resolve({ status: String(res.statusCode ?? 0), retryAfter: ra === undefined ? null : Number(ra), body: Buffer.concat(chunks).toString('utf8') })
        })
        res.on('error', () => resolve({ status: 'network', retryAfter: null, body: '' }))
      },
    )
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', (err: Error & { code?: string }) => {
      // The server closing an idle keep-alive socket just as the client reuses it is a race of HTTP
      // itself, not an outage (Node's docs advise exactly this retry); anything else is a failure.
      const status = err.message === 'timeout' ? 'timeout' : req.reusedSocket && err.code === 'ECONNRESET' ? 'keepalive-reset' : `network-${err.code ?? 'error'}`
      resolve({ status, retryAfter: null, body: '' })
    })
    req.end(body)
  })
}
