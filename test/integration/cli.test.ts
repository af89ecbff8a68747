import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashApiKey } from '@/lib/auth/api-keys'
import { clearApiKeyCache, verifyApiKey } from '@/lib/auth/verify-api-key'
import { prisma } from '@/lib/db'
import { createTeam } from '@/lib/teams/create-team'
import { runLedger } from '@/scripts/cli/run-ledger'

const root = path.resolve(__dirname, '../..')
const tsxCli = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs')
const slug = () => `t-${randomBytes(5).toString('hex')}`

type Run = { code: number; stdout: string; stderr: string }

// Commands run in-process through the same dispatcher as the entry point (fast); one test below starts the
// real entry point in a child process, as `npm run ledger -- …` does.
const slow = { timeout: 120_000 }

async function ledger(...args: string[]): Promise<Run> {
  let stdout = ''
  let stderr = ''
  const code = await runLedger(args, { out: (line = '') => (stdout += `${line}\n`), err: (line) => (stderr += `${line}\n`) })
  return { code, stdout, stderr }
}

function ledgerProcess(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [tsxCli, 'scripts/ledger.ts', ...args],
      { cwd: root, env: { ...process.env }, timeout: 120_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}

afterAll(() => clearApiKeyCache())

describe('ledger CLI happy path', () => {
  it('creates a team, a user and a key; lists and revokes the key; audits each change as cli', slow, async () => {
    const team = slug()
    const created = await ledger('teams', 'create', '--slug', team, '--name', 'CLI Team')
    expect(created).toMatchObject({ code: 0, stderr: '' })
    expect(created.stdout).toContain(`Created team '${team}'`)

    const listed = await ledger('teams', 'list', '--json')
    expect(listed.code).toBe(0)
    expect((JSON.parse(listed.stdout) as { slug: string }[]).map((t) => t.slug)).toContain(team)

    const email = `lead-${team}@example.com`
    const user = await ledger('users', 'create', '--email', email, '--role', 'team_lead', '--team', team, '--password', 'a long password')
    expect(user).toMatchObject({ code: 0, stderr: '' })

    const made = await ledger('keys', 'create', '--team', team, '--name', 'ingest')
    expect(made.code).toBe(0)
    expect(made.stdout).toContain('it will not be shown again')
    const key = /\b(ml_[a-z0-9]{8}_[A-Za-z0-9_-]{32,})\b/.exec(made.stdout)?.[1]
    expect(key).toBeDefined()
    if (!key) return
    const prefix = key.slice(0, 11)

    clearApiKeyCache()
    const verified = await verifyApiKey(key)
    expect(verified.ok && verified.key).toMatchObject({ teamSlug: team, scopes: ['usage:write', 'spend:read'], prefix })

    const list = await ledger('keys', 'list', '--team', team)
    expect(list.code).toBe(0)
    expect(list.stdout).toMatch(new RegExp(`${prefix}\\s+ingest\\s+usage:write,spend:read\\s+\\S+ \\S+\\s+(never|\\S+ \\S+)\\s+-`))
    const json = await ledger('keys', 'list', '--team', team, '--json')
    for (const output of [list.stdout, json.stdout]) {
      expect(output).not.toContain(key)
      expect(output).not.toContain(key.slice(12))
      expect(output).not.toContain(hashApiKey(key))
    }

    const revoked = await ledger('keys', 'revoke', '--team', team, '--prefix', prefix)
    expect(revoked).toMatchObject({ code: 0, stderr: '' })
    expect(revoked.stdout).toContain(`Revoked API key 'ingest' (${prefix}`)
    const after = JSON.parse((await ledger('keys', 'list', '--team', team, '--json')).stdout) as { revokedAt: string | null }[]
    expect(after[0]?.revokedAt).not.toBeNull()
    clearApiKeyCache()
    expect(await verifyApiKey(key)).toEqual({ ok: false, reason: 'revoked' })

    const teamRow = await prisma.team.findUniqueOrThrow({ where: { slug: team } })
    const audit = await prisma.auditLog.findMany({ where: { teamId: teamRow.id }, orderBy: { id: 'asc' } })
    expect(audit.map((a) => [a.actor, a.action])).toEqual([
      ['cli', 'team.create'],
      ['cli', 'user.create'],
      ['cli', 'api_key.create'],
      ['cli', 'api_key.revoke'],
    ])
  })

  it('creates an org-wide key with spend:read:all only', slow, async () => {
    const name = `finance-${slug()}`
    const made = await ledger('keys', 'create', '--org', '--name', name)
    expect(made.code).toBe(0)
    const key = /\b(ml_[a-z0-9]{8}_[A-Za-z0-9_-]{32,})\b/.exec(made.stdout)?.[1] ?? ''
    clearApiKeyCache()
    const verified = await verifyApiKey(key)
    expect(verified.ok && verified.key).toMatchObject({ teamId: null, scopes: ['spend:read:all'] })
    const row = await prisma.apiKey.findFirstOrThrow({ where: { teamId: null, name } })
    expect(row.hash).toBe(hashApiKey(key))
  })

  it('prints help and exits 0', slow, async () => {
    const help = await ledger('help')
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('keys create --team SLUG')
  })

  it('the real entry point runs a command against DATABASE_URL and exits with its code', slow, async () => {
    const team = slug()
    const made = await ledgerProcess('teams', 'create', '--slug', team, '--name', 'Process test')
    expect(made).toMatchObject({ code: 0, stderr: '' })
    expect(await prisma.team.count({ where: { slug: team } })).toBe(1)
    const bad = await ledgerProcess('frobnicate')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain("unknown command 'frobnicate'")
  })
})

describe('ledger CLI bad input', () => {
  let team = ''
  beforeAll(async () => {
    team = (await createTeam(prisma, { slug: slug(), name: 'CLI errors', actor: { name: 'test' } })).slug
  })

  // [args, exit code, message on stderr]; args may name the test team through '$TEAM'.
  const cases: [string[], number, string][] = [
    [['frobnicate'], 2, "unknown command 'frobnicate'"],
    [['keys', 'rotate'], 2, "unknown command 'keys rotate'"],
    [['keys', 'create'], 2, 'missing --team'],
    [['keys', 'create', '--team'], 2, 'missing value for --team'],
    [['keys', 'create', '--team', '$TEAM', '--bogus'], 2, "unknown option '--bogus'"],
    [['keys', 'create', '--team', '$TEAM', '--org', '--name', 'x'], 2, 'use either --team or --org, not both'],
    [['keys', 'revoke', '--team', '$TEAM'], 2, 'give exactly one of --name or --prefix'],
    [['keys', 'create', '--team', 'no-such-team-zz'], 1, "unknown team 'no-such-team-zz'"],
    [['keys', 'create', '--team', '$TEAM', '--scopes', 'usage:write,admin'], 1, "unknown scope 'admin'"],
    [['keys', 'revoke', '--team', '$TEAM', '--name', 'never-made'], 1, "no API key named 'never-made'"],
    [['teams', 'create', '--slug', 'Bad_Slug', '--name', 'x'], 1, 'The team slug "Bad_Slug" won'],
    [['teams', 'create', '--slug', '$TEAM', '--name', 'x'], 1, 'already exists'],
    [['users', 'create', '--email', 'x@example.com', '--role', 'boss', '--password', 'long enough'], 1, "invalid role 'boss' (allowed: admin, finance, team_lead, engineer)"],
    [['users', 'create', '--email', 'x@example.com', '--role', 'engineer', '--password', 'long enough'], 1, 'An engineer must belong to a team — pick one.'],
    [['users', 'create', '--email', 'x@example.com', '--role', 'admin', '--password', 'short'], 1, 'The password must be at least 8 characters.'],
    [['users', 'create', '--role', 'admin', '--password', 'long enough'], 2, 'missing --email'],
  ]

  it.concurrent.each(cases)('%j exits %i: %s', slow, async (args, code, message) => {
    const run = await ledger(...args.map((a) => (a === '$TEAM' ? team : a)))
    expect(run.code).toBe(code)
    expect(run.stdout).toBe('')
    const lines = run.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain(message)
    expect(lines[0]).toMatch(/^ledger: /)
  })

  it('changed nothing for the failed commands', async () => {
    const teamRow = await prisma.team.findUniqueOrThrow({ where: { slug: team }, include: { apiKeys: true, users: true } })
    expect(teamRow.apiKeys).toEqual([])
    expect(teamRow.users).toEqual([])
    expect(await prisma.user.count({ where: { email: 'x@example.com' } })).toBe(0)
  })
})
