import { randomBytes } from 'node:crypto'
import { createApiKey, listApiKeys, revokeApiKey } from '@/lib/auth/api-keys'
import { prisma } from '@/lib/db'
import { getTeamBySlugOrThrow } from '@/lib/teams/get-team-by-slug-or-throw'
import { cliActor, invocation, UsageError, type CommandGroup } from './command'
import { formatTable, formatTime } from './format-table'
import { parseFlags } from './parse-flags'

const ownerFlags = { team: { type: 'string' }, org: { type: 'boolean' } } as const

// --team SLUG names a team's key, --org an org-wide one; exactly one of them.
async function resolveOwner(flags: { team?: string; org?: boolean }): Promise<{ teamId: number | null; label: string }> {
  if (flags.team !== undefined && flags.org) throw new UsageError('use either --team or --org, not both')
  if (flags.org) return { teamId: null, label: 'org-wide' }
  if (flags.team === undefined || flags.team.trim() === '') throw new UsageError('missing --team (or --org for an org-wide key)')
  const team = await getTeamBySlugOrThrow(prisma, flags.team)
  return { teamId: team.id, label: `team '${team.slug}'` }
}

export const keys: CommandGroup = {
  summary: 'create, revoke and list API keys (stored hashed; shown once)',
  commands: {
    create: {
      usage: ['create --team SLUG [--name NAME] [--scopes usage:write,spend:read]', 'create --org --name NAME [--scopes spend:read:all,usage:write:all,bills:write]'],
      summary: 'create a team key (default scopes usage:write,spend:read) or an org-wide key (default spend:read:all; add usage:write:all for the LiteLLM callback, bills:write to load provider bills)',
      async run(argv, io) {
        const flags = parseFlags(argv, { ...ownerFlags, name: { type: 'string' }, scopes: { type: 'string' } })
        if (flags.org && flags.name === undefined) throw new UsageError('missing --name (an org-wide key needs a name)')
        const owner = await resolveOwner(flags)
        const scopes = flags.scopes
          ?.split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '')
        const { key, record } = await createApiKey(prisma, {
          teamId: owner.teamId,
          name: flags.name ?? `key-${randomBytes(3).toString('hex')}`,
          scopes,
          actor: cliActor,
        })
        io.out(`Created API key '${record.name}' (${owner.label}, scopes: ${record.scopes.join(', ')})`)
        io.out('')
        io.out(`    ${key}`)
        io.out('')
        io.out('Copy it now: it will not be shown again (only its hash is stored).')
        io.out(`Revoke with: ${invocation} keys revoke ${owner.teamId === null ? '--org' : `--team ${flags.team}`} --prefix ${record.prefix}`)
      },
    },
    revoke: {
      usage: ['revoke --team SLUG (--name NAME | --prefix PREFIX)', 'revoke --org (--name NAME | --prefix PREFIX)'],
      summary: 'revoke a key; requests with it fail within seconds',
      async run(argv, io) {
        const flags = parseFlags(argv, { ...ownerFlags, name: { type: 'string' }, prefix: { type: 'string' } })
        if ((flags.name === undefined) === (flags.prefix === undefined)) {
          throw new UsageError('give exactly one of --name or --prefix')
        }
        const owner = await resolveOwner(flags)
        const revoked = await revokeApiKey(prisma, { teamId: owner.teamId, name: flags.name, prefix: flags.prefix, actor: cliActor })
        io.out(`Revoked API key '${revoked.name}' (${revoked.prefix}, ${owner.label})`)
      },
    },
    list: {
      usage: ['list --team SLUG [--json]', 'list --org [--json]'],
      summary: 'list keys: prefix, name, scopes, created, last used, revoked',
      async run(argv, io) {
        const flags = parseFlags(argv, { ...ownerFlags, json: { type: 'boolean' } })
        const owner = await resolveOwner(flags)
        const rows = await listApiKeys(prisma, owner.teamId)
        if (flags.json) return io.out(JSON.stringify(rows, null, 2))
        if (rows.length === 0) return io.out(`No API keys (${owner.label}).`)
        const table = formatTable(
          ['PREFIX', 'NAME', 'SCOPES', 'CREATED', 'LAST USED', 'REVOKED'],
          rows.map((k) => [
            k.prefix,
            k.name,
            k.scopes.join(','),
            formatTime(k.createdAt),
            formatTime(k.lastUsedAt, 'never'),
            formatTime(k.revokedAt),
          ]),
        )
        table.forEach((l) => io.out(l))
      },
    },
  },
}
