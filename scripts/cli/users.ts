import { prisma } from '@/lib/db'
import { createUser } from '@/lib/users/create-user'
import { cliActor, type CommandGroup } from './command'
import { parseFlags, requireFlag } from './parse-flags'

export const users: CommandGroup = {
  summary: 'create users (admin, finance, team_lead, engineer)',
  commands: {
    create: {
      usage: ['create --email EMAIL --role ROLE [--team SLUG] --password PASSWORD [--name NAME]'],
      summary: 'create a user; team_lead and engineer need --team',
      async run(argv, io) {
        const flags = parseFlags(argv, {
          email: { type: 'string' },
          role: { type: 'string' },
          team: { type: 'string' },
          password: { type: 'string' },
          name: { type: 'string' },
        })
        const user = await createUser(prisma, {
          email: requireFlag(flags.email, 'email'),
          role: requireFlag(flags.role, 'role'),
          password: requireFlag(flags.password, 'password'),
          teamSlug: flags.team,
          name: flags.name,
          actor: cliActor,
        })
        const where = flags.team ? ` in team '${flags.team}'` : ''
        io.out(`Created ${user.role} ${user.email}${where}, id ${user.id}`)
      },
    },
  },
}
