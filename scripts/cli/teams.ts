import { prisma } from '@/lib/db'
import { createTeam } from '@/lib/teams/create-team'
import { listTeams } from '@/lib/teams/list-teams'
import { cliActor, invocation, type CommandGroup } from './command'
import { formatTable, formatTime } from './format-table'
import { parseFlags, requireFlag } from './parse-flags'

export const teams: CommandGroup = {
  summary: 'create and list teams',
  commands: {
    create: {
      usage: ['create --slug SLUG --name NAME'],
      summary: 'create a team (slug: 2-40 of a-z, 0-9, -)',
      async run(argv, io) {
        const flags = parseFlags(argv, { slug: { type: 'string' }, name: { type: 'string' } })
        const team = await createTeam(prisma, {
          slug: requireFlag(flags.slug, 'slug'),
          name: requireFlag(flags.name, 'name'),
          actor: cliActor,
        })
        io.out(`Created team '${team.slug}' (${team.name}), id ${team.id}`)
      },
    },
    list: {
      usage: ['list [--json]'],
      summary: 'list teams with their user and active key counts',
      async run(argv, io) {
        const flags = parseFlags(argv, { json: { type: 'boolean' } })
        const rows = await listTeams(prisma)
        if (flags.json) return io.out(JSON.stringify(rows, null, 2))
        if (rows.length === 0) return io.out(`No teams yet. Create one with: ${invocation} teams create --slug SLUG --name NAME`)
        const table = formatTable(
          ['SLUG', 'NAME', 'USERS', 'ACTIVE KEYS', 'CREATED'],
          rows.map((t) => [t.slug, t.name, String(t.users), String(t.activeKeys), formatTime(t.createdAt)]),
        )
        table.forEach((l) => io.out(l))
      },
    },
  },
}
