// Drill: the API-key rate limit holds across web processes. Starts two `next start` processes on the
// built app (the same database and Redis, the limit set low), spends one key's allowance by alternating
// requests between them, and checks that together they grant the burst once — with per-process limits
// each would grant it, twice in all. Self-contained: `npx tsx scripts/drills/shared-limits-drill.ts
// [--dist .next]` with DATABASE_URL, REDIS_URL and AUTH_SECRET set and a seeded database; exits 1 when
// the limit does not hold.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:net'
import { createApiKey } from '@/lib/auth/api-keys'
import { disconnectDb, prisma } from '@/lib/db'

const BURST = 30
const REQUESTS = 90
// burst / rate = a 300 s window: no refill while the drill runs, however slow the machine.
const PER_SECOND = '0.1'

const dist = process.argv.includes('--dist') ? process.argv[process.argv.indexOf('--dist') + 1]! : process.env.NEXT_DIST_DIR || '.next'

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
    s.on('error', reject)
  })
}

async function startWeb(port: number, queuePrefix: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env: { ...process.env, NODE_ENV: 'production', NEXT_DIST_DIR: dist, PORT: String(port), AUTH_URL: `http://127.0.0.1:${port}`, QUEUE_PREFIX: queuePrefix, RATE_LIMIT_PER_KEY_PER_SECOND: PER_SECOND, RATE_LIMIT_BURST: String(BURST), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`web on :${port} exited with ${child.exitCode}`)
    const up = await fetch(`http://127.0.0.1:${port}/api/v1/openapi.json`).then((r) => r.status < 500, () => false)
    if (up) return child
    await new Promise((r) => setTimeout(r, 250))
  }
  child.kill('SIGTERM')
  throw new Error(`web on :${port} did not answer within 120 s`)
}

async function main(): Promise<number> {
  const suffix = randomBytes(4).toString('hex')
  const queuePrefix = `${process.env.QUEUE_PREFIX || 'modelledger'}-limits-${suffix}`
  const team = await prisma.team.create({ data: { slug: `drill-limits-${suffix}`, name: 'Drill: shared limits' } })
  const { key } = await createApiKey(prisma, { teamId: team.id, name: 'drill', actor: { name: 'drill' } })
  const ports = [await freePort(), await freePort()]
  const webs: ChildProcess[] = []
  try {
    for (const port of ports) webs.push(await startWeb(port, queuePrefix))
    const answers: Record<number, Record<number, number>> = { [ports[0]!]: {}, [ports[1]!]: {} }
    for (let i = 0; i < REQUESTS; i++) {
      const port = ports[i % 2]!
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/spend`, { headers: { authorization: `Bearer ${key}` } })
      await res.arrayBuffer()
      answers[port]![res.status] = (answers[port]![res.status] ?? 0) + 1
    }
    const granted = Object.values(answers).reduce((n, a) => n + Object.entries(a).filter(([s]) => s !== '429').reduce((m, [, c]) => m + c, 0), 0)
    console.log(JSON.stringify({ drill: 'shared-limits', burst: BURST, requests: REQUESTS, processes: 2, granted, answersByPort: answers }))
    const holds = granted === BURST && Object.values(answers).every((a) => (a[429] ?? 0) > 0)
    console.log(holds ? `PASS: two web processes granted ${granted} requests together, the burst once` : `FAIL: granted ${granted}, expected ${BURST} across both processes`)
    return holds ? 0 : 1
  } finally {
    for (const w of webs) w.kill('SIGTERM')
    await prisma.team.delete({ where: { id: team.id } }).catch(() => undefined)
    await disconnectDb()
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err)
    process.exit(1)
  },
)
