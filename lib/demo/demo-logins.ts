import type { Role } from '@prisma/client'
import { DEMO_TEAMS } from './demo-teams'

// Documented demo credentials, one list: the seed and the e2e specs (e2e/helpers/login.ts) read them
// from here; README.md and the banner of scripts/up.sh repeat the four per-role logins for people.
// They exist only when the seed runs with --demo / SEED_DEMO=1; production installs start without users.
export interface DemoLogin {
  email: string
  password: string
  name: string
  role: Role
  teamSlug: string | null
}

const LEAD_PASSWORD = 'demo-lead-pass'

export const DEMO_LOGINS: readonly DemoLogin[] = [
  { email: 'admin@modelledger.dev', password: 'demo-admin-pass', name: 'Ada Admin', role: 'admin', teamSlug: null },
  { email: 'finance@modelledger.dev', password: 'demo-finance-pass', name: 'Fran Finance', role: 'finance', teamSlug: null },
  { email: 'lead@modelledger.dev', password: LEAD_PASSWORD, name: 'Sam Search-Lead', role: 'team_lead', teamSlug: 'search' },
  { email: 'engineer@modelledger.dev', password: 'demo-engineer-pass', name: 'Eli Engineer', role: 'engineer', teamSlug: 'search' },
  ...DEMO_TEAMS.filter((t) => t.slug !== 'search').map(
    (t): DemoLogin => ({
      email: `lead-${t.slug}@modelledger.dev`,
      password: LEAD_PASSWORD,
      name: `${t.name} Lead`,
      role: 'team_lead',
      teamSlug: t.slug,
    }),
  ),
]

/** The one login per role that docs and e2e use. */
export const DEMO_LOGIN_BY_ROLE: Readonly<Record<Role, DemoLogin>> = {
  admin: DEMO_LOGINS[0]!,
  finance: DEMO_LOGINS[1]!,
  team_lead: DEMO_LOGINS[2]!,
  engineer: DEMO_LOGINS[3]!,
}
