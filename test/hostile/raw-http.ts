import net from 'node:net'

// A deliberately minimal HTTP/1.1 client over a raw socket, for the requests a well-behaved client library
// will not send: lying Content-Length, bytes that are not UTF-8, bodies trickled a byte at a time, bodies
// that never finish. It writes exactly what it is given and parses the first final response.

export type RawResponse = { status: number; headers: Record<string, string>; body: Buffer; text: string; interim: number[] }

export type RawRequest = {
  port: number
  host?: string
  /** The request line and header lines, without the blank line that ends them. */
  head: string[]
  /** Body bytes, written in one go or chunk by chunk (`gapMs` apart). */
  body?: Uint8Array | Uint8Array[]
  gapMs?: number
  /** After writing: end (half-close) our side, or leave it open. Default: leave open. */
  endAfterWrite?: boolean
  /** Give up (resolve with status 0) after this long without a complete response. */
  giveUpMs?: number
}

export function rawRequest(r: RawRequest): Promise<RawResponse> {
  return new Promise((resolve) => {
    const socket = net.connect({ port: r.port, host: r.host ?? 'localhost' })
    let buf = Buffer.alloc(0)
    let finished = false
    const interim: number[] = []
    const finish = (res: RawResponse) => {
      if (finished) return
      finished = true
      clearTimeout(timer)
      socket.destroy()
      resolve(res)
    }
    const timer = setTimeout(() => finish({ status: 0, headers: {}, body: buf, text: `no response within ${r.giveUpMs ?? 20_000} ms`, interim }), r.giveUpMs ?? 20_000)

    const tryParse = (ended: boolean) => {
      for (;;) {
        const headEnd = buf.indexOf('\r\n\r\n')
        if (headEnd < 0) return ended ? finish({ status: 0, headers: {}, body: buf, text: `connection closed: ${buf.toString('latin1').slice(0, 200)}`, interim }) : undefined
        const lines = buf.subarray(0, headEnd).toString('latin1').split('\r\n')
        const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1] ?? 0)
        const headers: Record<string, string> = {}
        for (const line of lines.slice(1)) {
          const i = line.indexOf(':')
          if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim()
        }
        const rest = buf.subarray(headEnd + 4)
        if (status >= 100 && status < 200) {
          interim.push(status)
          buf = rest
          continue
        }
        const done = (body: Buffer) => finish({ status, headers, body, text: body.toString('utf8'), interim })
        if (headers['content-length'] !== undefined) {
          const n = Number(headers['content-length'])
          if (rest.length >= n) return done(rest.subarray(0, n))
        } else if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
          const body = dechunk(rest)
          if (body) return done(body)
        }
        // No length: the body runs to the end of the connection (or the response is cut short).
        if (ended) return done(rest)
        return
      }
    }

    socket.on('data', (d) => {
      buf = Buffer.concat([buf, d])
      tryParse(false)
    })
    socket.on('end', () => tryParse(true))
    socket.on('close', () => tryParse(true))
    // The server may answer (413) and close while we still write: the answer is what counts.
    socket.on('error', () => tryParse(true))

    socket.once('connect', async () => {
      socket.write(`${r.head.join('\r\n')}\r\n\r\n`, 'latin1')
      const chunks = r.body === undefined ? [] : Array.isArray(r.body) ? r.body : [r.body]
      for (const chunk of chunks) {
        if (finished || socket.destroyed) break
        if (!socket.write(chunk)) await new Promise((ok) => (socket.once('drain', ok), socket.once('close', ok)))
        if (r.gapMs) await new Promise((ok) => setTimeout(ok, r.gapMs))
      }
      if (r.endAfterWrite && !socket.destroyed) socket.end()
    })
  })
}

/** The body of a complete chunked message, or null while it is incomplete. */
function dechunk(data: Buffer): Buffer | null {
  const parts: Buffer[] = []
  let at = 0
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at)
    if (lineEnd < 0) return null
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16)
    if (Number.isNaN(size)) return Buffer.concat(parts)
    if (size === 0) return Buffer.concat(parts)
    if (data.length < lineEnd + 2 + size + 2) return null
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size))
    at = lineEnd + 2 + size + 2
  }
}

/** The head of a request with the usual headers; `extra` lines are added as they are. */
export function head(method: string, path: string, port: number, headers: Record<string, string | undefined>, extra: string[] = []): string[] {
  const lines = [`${method} ${path} HTTP/1.1`, `Host: localhost:${port}`, 'Connection: close']
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) lines.push(`${k}: ${v}`)
  return [...lines, ...extra]
}

/** A socket that sends a partial request and then just sits there, until released. */
export function stalledConnection(port: number, partial: string): Promise<{ release: () => void; closedByServer: () => boolean }> {
  return new Promise((resolve, reject) => {
    let closed = false
    const socket = net.connect({ port, host: 'localhost' }, () => {
      socket.write(partial, 'latin1')
      resolve({ release: () => socket.destroy(), closedByServer: () => closed })
    })
    socket.on('data', () => undefined)
    socket.on('close', () => (closed = true))
    socket.on('error', (e) => (closed ? undefined : reject(e)))
  })
}
