import type { Metadata } from 'next'
import Link from 'next/link'
import { ProgressBar } from '@/components/ui/tremor'
import { budgetColor } from '@/components/spend/budget-burn'
import { formatCount, formatPercent, formatUsd } from '@/components/ui/format'
import { EmptyState } from '@/components/ui/cards'
import { PageHeader } from '@/components/ui/page-header'
import { Decimal } from '@/lib/pricing/decimal'
import { requirePage } from '../../require-user'
import { loadTeamList } from '@/lib/teams/load-team-list'
import { th } from '@/components/ui/styles'

export const metadata: Metadata = { title: 'Teams' }

const td = 'px-3 py-2.5 align-middle text-tremor-default tabular-nums'

const sorts = { spend: 'Spend', budget: 'Budget used', alerts: 'Alerts', slug: 'Name' } as const
type Sort = keyof typeof sorts

export default async function TeamsPage({ searchParams }: { searchParams: Promise<{ sort?: string; q?: string }> }) {
  await requirePage('teams')
  const { sort: rawSort, q: rawQ } = await searchParams
  const q = typeof rawQ === 'string' ? rawQ.trim().toLowerCase().slice(0, 100) : ''
  const sort: Sort = rawSort && rawSort in sorts ? (rawSort as Sort) : 'spend'
  const { rows, month } = await loadTeamList(new Date())
  const matching = q ? rows.filter((t) => t.slug.includes(q) || t.name.toLowerCase().includes(q)) : rows
  const sorted = [...matching].sort((a, b) => {
    if (sort === 'spend') return new Decimal(b.budget?.spent ?? 0).comparedTo(a.budget?.spent ?? 0) || a.slug.localeCompare(b.slug)
    if (sort === 'budget') return (b.budget?.percent ?? -1) - (a.budget?.percent ?? -1) || a.slug.localeCompare(b.slug)
    if (sort === 'alerts') return b.alertsThisMonth - a.alertsThisMonth || a.slug.localeCompare(b.slug)
    return a.slug.localeCompare(b.slug)
  })

  return (
    <>
      <PageHeader
        title="Teams"
        description={`Every team with its month-to-date spend (${month}) against its monthly budget, and the alerts raised this month.`}
        actions={
          <a
            href="/teams/teams.csv"
            download
            className="rounded-tremor-default border border-tremor-border-default bg-white px-3 py-1.5 text-tremor-default font-medium text-tremor-content-strong shadow-tremor-input hover:bg-tremor-background-subtle"
          >
            Download CSV
          </a>
        }
      />
      <form method="get" action="/teams" role="search" className="mb-3 flex max-w-md gap-2">
        <input type="hidden" name="sort" value={sort} />
        <input
          type="search"
          name="q"
          defaultValue={q}
          placeholder="Find a team by name or slug"
          aria-label="Find a team"
          className="h-9 min-w-0 flex-1 rounded-tremor-default border border-tremor-border-default bg-white px-2 text-tremor-default shadow-tremor-input"
        />
        <button type="submit" className="h-9 rounded-tremor-default border border-tremor-border-default bg-white px-3 text-tremor-default font-medium hover:bg-tremor-background-subtle">
          Find
        </button>
      </form>
      <nav aria-label="Sort teams" className="mb-3 flex flex-wrap items-center gap-2 text-tremor-default">
        <span className="text-tremor-content">Sort by</span>
        {(Object.keys(sorts) as Sort[]).map((s) => (
          <Link
            key={s}
            href={`/teams?sort=${s}${q ? `&q=${encodeURIComponent(q)}` : ''}`}
            aria-current={s === sort ? 'true' : undefined}
            className={`rounded-tremor-full border px-3 py-1 ${s === sort ? 'border-tremor-brand-default bg-tremor-brand-faint font-medium text-tremor-brand-emphasis' : 'border-tremor-border-default bg-white hover:bg-tremor-background-subtle'}`}
          >
            {sorts[s]}
          </Link>
        ))}
      </nav>
      {sorted.length === 0 ? (
        <EmptyState>{q ? `No team matches “${q}”.` : 'No teams yet. An admin creates them in Settings.'}</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-tremor-default border border-tremor-border-default bg-white shadow-tremor-card">
          <table className="w-full min-w-[48rem] divide-y divide-tremor-border-default" data-testid="teams-table">
            <thead className="bg-tremor-background-muted">
              <tr>
                <th scope="col" className={th}>Team</th>
                <th scope="col" className={`${th} text-right`}>Spend MTD</th>
                <th scope="col" className={`${th} min-w-48`}>Budget</th>
                <th scope="col" className={`${th} text-right`}>Forecast</th>
                <th scope="col" className={`${th} text-right`}>Alerts</th>
                <th scope="col" className={`${th} text-right`}>Members · keys</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-tremor-border-default">
              {sorted.map((t) => {
                const b = t.budget
                return (
                  <tr key={t.id} data-team={t.slug}>
                    <td className={td}>
                      <Link href={`/teams/${t.slug}`} className="font-medium text-tremor-content-strong hover:underline">
                        {t.name}
                      </Link>
                      <p className="font-mono text-tremor-label text-tremor-content">{t.slug}</p>
                    </td>
                    <td className={`${td} text-right text-tremor-content-strong`} data-cell="spent">
                      {b ? formatUsd(b.spent) : '—'}
                      {b && b.unpricedCalls > 0 ? <p className="text-tremor-label text-amber-700">+{formatCount(b.unpricedCalls)} unpriced</p> : null}
                    </td>
                    <td className={td} data-cell="budget">
                      {b?.budget ? (
                        <div className="flex items-center gap-2">
                          <ProgressBar value={Math.min(100, b.percent ?? 0)} color={budgetColor(b.percent)} showAnimation={false} className="w-28" />
                          <span className={b.percent !== null && b.percent > 100 ? 'font-semibold text-red-600' : 'text-tremor-content-emphasis'}>
                            {formatPercent(b.percent)}
                          </span>
                          <span className="text-tremor-label text-tremor-content">of {formatUsd(b.budget)}</span>
                        </div>
                      ) : (
                        <span className="text-tremor-content">no budget</span>
                      )}
                    </td>
                    <td className={`${td} text-right text-tremor-content`} title={b?.forecastMethod}>
                      {b ? formatUsd(b.forecast) : '—'}
                    </td>
                    <td className={`${td} text-right`} data-cell="alerts">
                      {t.alertsThisMonth > 0 ? <span className="font-medium text-amber-700">{t.alertsThisMonth}</span> : <span className="text-tremor-content">0</span>}
                    </td>
                    <td className={`${td} text-right text-tremor-content`}>
                      {t.users} · {t.activeKeys}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
