import type { Metadata } from 'next'
import Link from 'next/link'
import { prisma } from '@/lib/db'
import { PageHeader } from '@/components/ui/page-header'
import { Badge } from '@/components/models/badge'
import { RepricePlanTable, type RepricePlanJson } from '@/components/models/reprice-plan-table'
import { RepricePlanner } from '@/components/models/reprice-planner'
import { RepriceProgress } from '@/components/models/reprice-progress'
import { toRepriceRunView } from '@/lib/pricing/reprice/reprice-run-view'
import { requirePermission } from '../../require-user'
import { applyRepriceAction, planRepriceAction } from './actions'
import { toUtcDay } from '@/lib/time/utc-days'
import { Time } from '@/components/ui/time'
import { BackLink } from '@/components/ui/back-link'
import { findRepriceRun, listRecentRepriceRuns } from '@/lib/pricing/reprice/find-reprice-runs'
import { listModelOptions } from '@/lib/catalog/list-model-options'
import { loadUserEmails } from '@/lib/users/load-user-emails'

export const metadata: Metadata = { title: 'Re-price usage · Models & prices' }

const day = (d: Date) => toUtcDay(d)
const lastDay = (to: Date) => day(new Date(to.getTime() - 1))

const statusTone = { pending: 'amber', running: 'blue', done: 'green', failed: 'red' } as const

export default async function RepricePage({ searchParams }: { searchParams: Promise<{ model?: string; run?: string }> }) {
  await requirePermission('prices:reprice')
  const sp = await searchParams
  const now = new Date()
  const models = await listModelOptions(prisma, 'displayName')
  const preselected = sp.model ? models.find((m) => m.slug === sp.model) : undefined
  const runId = sp.run && /^\d+$/.test(sp.run) ? Number(sp.run) : null
  const run = runId ? await findRepriceRun(prisma, runId) : null
  const recent = await listRecentRepriceRuns(prisma, 10)
  const who = await loadUserEmails(recent.map((r) => r.createdById))
  const slugOf = new Map(models.map((m) => [m.id, m.slug]))
  const yesterday = day(new Date(now.getTime() - 86_400_000))

  return (
    <>
      <BackLink href="/models">All models</BackLink>
      <PageHeader
        title="Re-price usage"
        description="Price stored events again with the price version in force at each event's time — after a price was corrected or backdated. The dry run shows what would change per team and month and writes nothing; apply runs in chunks on the worker and rebuilds the rollups it touched. Closed months keep their frozen statements; the change shows there as an adjustment."
      />

      {runId !== null && !run ? (
        <p role="alert" className="mb-4 rounded-tremor-default border border-red-200 bg-red-50 px-3 py-2 text-tremor-default text-red-700">
          There is no re-price run #{runId}.
        </p>
      ) : null}
      {run && !run.dryRun ? (
        <div className="mb-6">
          <RepriceProgress initial={toRepriceRunView(run)} />
        </div>
      ) : null}
      {run && run.dryRun && run.result ? (
        <section className="mb-6 space-y-3" aria-label={`Dry run ${run.id}`}>
          <h2 className="text-tremor-title font-semibold text-tremor-content-strong">
            Dry run #{run.id}: {day(run.fromTs)} … {lastDay(run.toTs)} · {run.modelId ? (slugOf.get(run.modelId) ?? 'one model') : 'all models'} (as of{' '}
            <Time value={run.createdAt} />)
          </h2>
          <RepricePlanTable plan={run.result as unknown as RepricePlanJson} />
          <a href={`/models/reprice/export?run=${run.id}`} download className="text-tremor-default font-medium text-tremor-brand-default hover:underline">
            Download this dry run (CSV)
          </a>
        </section>
      ) : null}

      <h2 className="mb-2 text-tremor-title font-semibold text-tremor-content-strong">New re-price</h2>
      <RepricePlanner
        planAction={planRepriceAction}
        applyAction={applyRepriceAction}
        models={models}
        defaults={{ from: yesterday, to: day(now), modelId: preselected ? String(preselected.id) : '' }}
      />

      <h2 className="mb-2 mt-8 text-tremor-title font-semibold text-tremor-content-strong">Recent runs</h2>
      {recent.length === 0 ? (
        <p className="rounded-tremor-default border border-tremor-border-default bg-white p-4 text-tremor-default text-tremor-content">No re-price runs yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-tremor-default border border-tremor-border-default bg-white shadow-tremor-card">
          <table className="min-w-full divide-y divide-tremor-border-default text-tremor-default">
            <thead className="bg-tremor-background-muted text-left text-tremor-label font-semibold uppercase tracking-wide text-tremor-content">
              <tr>
                <th scope="col" className="px-3 py-2">Run</th>
                <th scope="col" className="px-3 py-2">Window</th>
                <th scope="col" className="px-3 py-2">Model</th>
                <th scope="col" className="px-3 py-2">Status</th>
                <th scope="col" className="px-3 py-2 text-right">Events</th>
                <th scope="col" className="px-3 py-2">By</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-tremor-border-default">
              {recent.map((r) => {
                const v = toRepriceRunView(r)
                return (
                  <tr key={r.id}>
                    <td className="px-3 py-2">
                      <Link href={`/models/reprice?run=${r.id}`} className="font-mono text-tremor-brand-default hover:underline">
                        #{r.id}
                      </Link>{' '}
                      <span className="text-tremor-content">{r.dryRun ? 'dry run' : 'apply'}</span>
                    </td>
                    <td className="whitespace-nowrap px-3 py-2 font-mono">
                      {day(r.fromTs)} … {lastDay(r.toTs)}
                    </td>
                    <td className="px-3 py-2 font-mono">{r.modelId ? (slugOf.get(r.modelId) ?? `#${r.modelId}`) : 'all'}</td>
                    <td className="px-3 py-2">
                      <Badge tone={statusTone[r.status]}>{r.status}</Badge> {r.dryRun ? null : <span className="font-mono text-tremor-label">{v.percent}%</span>}
                    </td>
                    <td className="px-3 py-2 text-right font-mono tabular-nums">{r.total.toLocaleString('en-US')}</td>
                    <td className="whitespace-nowrap px-3 py-2 text-tremor-content">
                      {r.createdById ? (who.get(r.createdById) ?? `user #${r.createdById}`) : 'cli / system'}
                      <Time value={r.createdAt} className="block text-tremor-label" />
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
