import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export type RouteHandler = (req: Request) => Promise<Response>

/**
 * The app's real route handlers behind a real HTTP port, so a client that speaks HTTP (the SDK) can be
 * tested without a Next build. stop() takes the endpoint down (connections refused); start() brings it
 * back on the same port; loseAnswers(n) lets the next n requests be handled and committed, then hangs
 * up before answering — the case a client must resend without doubling anything.
 */
export type Endpoint = { url: string; stop(): Promise<void>; start(): Promise<void>; loseAnswers(n: number): void; requests: number }

export async function serveRouteHandlers(routes: Record<string, RouteHandler>): Promise<Endpoint> {
  let toLose = 0
  let server: Server | null = null
  let port = 0
  const endpoint: Endpoint = {
    url: '',
    requests: 0,
    loseAnswers: (n) => (toLose = n),
    stop: async () => {
      if (!server) return
      const s = server
      server = null
      s.closeAllConnections()
      await new Promise<void>((resolve) => s.close(() => resolve()))
    },
    start: async () => {
      const s = createServer((req, res) => {
        endpoint.requests++
        void handle(req).then(async (response) => {
          if (toLose > 0) {
            toLose--
            return req.socket.destroy()
          }
          res.writeHead(response.status, Object.fromEntries(response.headers))
          res.end(Buffer.from(await response.arrayBuffer()))
        })
      })
      await new Promise<void>((resolve) => s.listen(port, '127.0.0.1', resolve))
      port = (s.address() as AddressInfo).port
      endpoint.url = `http://127.0.0.1:${port}`
      server = s
    },
  }
  async function handle(req: IncomingMessage): Promise<Response> {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const url = new URL(req.url ?? '/', 'http://localhost')
    const handler = routes[url.pathname]
    if (!handler) return new Response('{"error":{"code":"not_found","message":"no route"}}', { status: 404 })
    const headers = new Headers()
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v)
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks)
    return handler(new Request(`http://localhost${req.url}`, { method: req.method, headers, body }))
  }
  await endpoint.start()
  return endpoint
}
