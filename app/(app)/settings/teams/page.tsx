import type { Metadata } from 'next'
import Link from 'next/link'
import { prisma } from '@/lib/db'
import { listTeams } from '@/lib/teams/list-teams'
import { CreateTeamForm } from '@/components/settings/create-team-form'
import { formatUsd } from '@/components/ui/format'
import { Time } from '@/components/ui/time'
import { card, emptyState, secondaryButton, sectionTitle, td } from '@/components/ui/styles'
import { SettingsTable } from '@/components/settings/settings-table'
import { requirePermission } from '../../require-user'
import { loadTeamPolicies } from '@/lib/policy/load-team-policy-summaries'

export const metadata: Metadata = { title: 'Settings — teams' }

export default async function TeamsSettingsPage() {
  await requirePermission('settings:manage')
  const [teams, policies] = await Promise.all([listTeams(prisma), loadTeamPolicies()])

  return (
    <div className="space-y-8">
      <section aria-labelledby="create-team-title" className={card}>
        <h2 id="create-team-title" className={sectionTitle}>Add a team</h2>
        <p className="mb-3 mt-1 text-tremor-default text-tremor-content">
          A new team has no policy yet (the document&apos;s defaults apply) and no API keys; its lead sets both on the team page.
        </p>
        <CreateTeamForm />
      </section>

      <section aria-labelledby="teams-title" className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 id="teams-title" className={sectionTitle}>Teams</h2>
            <p className="text-tremor-default text-tremor-content">{teams.length} team{teams.length === 1 ? '' : 's'}.</p>
          </div>
          <a href="/settings/export/teams" download className={secondaryButton}>Download CSV</a>
        </div>
        {teams.length === 0 ? (
          <p className={emptyState}>No teams yet: add the first one above.</p>
        ) : (
          <SettingsTable testId="teams-table" columns={[{ label: 'Team' }, { label: 'Users', className: 'text-right' }, { label: 'Active keys', className: 'text-right' }, { label: 'Policy' }, { label: 'Monthly budget', className: 'text-right' }, { label: 'Created' }]}>
                {teams.map((t) => {
                  const p = policies.get(t.id)
                  return (
                    <tr key={t.id} data-testid="team-row" data-slug={t.slug}>
                      <td className={td}>
                        <Link href={`/teams/${t.slug}`} className="font-medium text-tremor-brand-default hover:underline">{t.slug}</Link>
                        <p className="text-tremor-label text-tremor-content">{t.name}</p>
                      </td>
                      <td className={`${td} text-right tabular-nums`}>{t.users}</td>
                      <td className={`${td} text-right tabular-nums`}>{t.activeKeys}</td>
                      <td className={`${td} whitespace-nowrap`}>{p ? <>v{p.version} · <Time value={p.savedAt} /></> : <span className="text-tremor-content">none (defaults)</span>}</td>
                      <td className={`${td} text-right font-mono tabular-nums`}>{p?.monthlyBudget ? formatUsd(p.monthlyBudget) : <span className="font-sans text-tremor-content">no budget</span>}</td>
                      <td className={`${td} whitespace-nowrap text-tremor-content`}><Time value={t.createdAt} /></td>
                    </tr>
                  )
                })}
              </SettingsTable>
        )}
      </section>
    </div>
  )
}
