import type { Metadata } from 'next'
import Link from 'next/link'
import { can } from '@/lib/auth/permissions'
import { loadReconciliationView } from '@/lib/bills/load-reconciliation-view'
import { parseReconciliationWindow, type ReconciliationWindow } from '@/lib/bills/reconciliation-window'
import { pool, prisma } from '@/lib/db'
import { isAppError } from '@/lib/errors'
import { listTeams } from '@/lib/teams/list-teams'
import { BillUpload } from '@/components/reconciliation/bill-upload'
import { CaptureChart } from '@/components/reconciliation/capture-chart'
import { CaptureSettingsForm } from '@/components/reconciliation/capture-settings-form'
import { ClosedMonthsSection } from '@/components/reconciliation/closed-months-section'
import { DriftPanel } from '@/components/reconciliation/drift-panel'
import { formatCapture, ReconciliationTable } from '@/components/reconciliation/reconciliation-table'
import { EmptyState, Kpi, Section } from '@/components/ui/cards'
import { PageHeader } from '@/components/ui/page-header'
import { requirePermission } from '../require-user'
import { acceptPriceDriftAction, saveReconciliationSettingsAction } from './actions'
import { DateInput } from '@/components/ui/date-input'

export const metadata: Metadata = { title: 'Reconciliation' }

type Search = { from?: string; to?: string; provider?: string; drift?: string }

const query = (w: ReconciliationWindow, extra: Record<string, string> = {}) =>
  new URLSearchParams({ from: w.from, to: w.to, ...(w.provider ? { provider: w.provider } : {}), ...extra }).toString()

export default async function ReconciliationPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requirePermission('bills:read')
  const sp = await searchParams
  const now = new Date()
  let badWindow: string | null = null
  let window: ReconciliationWindow
  try {
    window = parseReconciliationWindow(sp, now)
  } catch (err) {
    if (!isAppError(err)) throw err
    badWindow = err.message
    window = parseReconciliationWindow({}, now)
  }
  const [provider, date, model] = (sp.drift ?? '').split('|')
  const drift = provider && date && model ? { provider, date, model } : null
  const isAdmin = can(user.role, 'settings:manage')
  const [view, teams] = await Promise.all([loadReconciliationView(pool, window, drift), isAdmin ? listTeams(prisma) : Promise.resolve([])])
  const chartProviders = [...new Set(view.daily.map((d) => d.provider))]
  const chartData = [...new Set(view.daily.map((d) => d.date))].map((date) => ({
    date,
    ...Object.fromEntries(view.daily.filter((d) => d.date === date).map((d) => [d.provider, d.capture_rate === null ? null : Number(d.capture_rate) * 100])),
  }))
  const gaps = view.worst.filter((r) => r.explanation.kind !== 'match')
  const worst = gaps[0]
  const canFixPrices = can(user.role, 'prices:write')

  return (
    <>
      <PageHeader
        title="Reconciliation"
        description="What the providers billed beside what ModelLedger tracked, per provider × day × model: the capture rate (tracked ÷ billed), the worst gaps first, and where each gap comes from. Load the providers' own exports (OpenAI Costs/Usage API, Anthropic cost/usage report) or a CSV."
        actions={<a href={`/reconciliation/export?${query(window)}`} download className="rounded-tremor-default border border-tremor-border-default bg-white px-3 py-1.5 text-tremor-default font-medium text-tremor-content-strong shadow-tremor-input hover:bg-tremor-background-subtle">Download CSV</a>}
      />

      {badWindow ? (
        <p role="alert" className="mb-4 rounded-tremor-default border border-red-200 bg-red-50 px-3 py-2 text-tremor-default text-red-700">
          {badWindow}; showing {window.from} … {window.to}.
        </p>
      ) : null}

      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Window">
        <label className="text-tremor-default">
          From <DateInput name="from" defaultValue={window.from} className="ml-1 rounded-tremor-small border border-tremor-border-default px-2 py-1" />
        </label>
        <label className="text-tremor-default">
          To <DateInput name="to" defaultValue={window.to} className="ml-1 rounded-tremor-small border border-tremor-border-default px-2 py-1" />
        </label>
        <label className="text-tremor-default">
          Provider{' '}
          <select name="provider" defaultValue={window.provider ?? ''} className="ml-1 rounded-tremor-small border border-tremor-border-default px-2 py-1">
            <option value="">all</option>
            {view.providers.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-tremor-default border border-tremor-border-default bg-white px-3 py-1 text-tremor-default shadow-tremor-input">
          Show
        </button>
      </form>

      <div className="mb-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Kpi label="Billed (USD)" value={`$${view.totals.billed_usd}`} testId="kpi-billed" />
        <Kpi label="Tracked (USD)" value={`$${view.totals.tracked_usd}`} testId="kpi-tracked" />
        <Kpi label="Capture rate" value={formatCapture(view.totals.capture_rate)} testId="kpi-capture" tone={view.totals.capture_rate !== null && Number(view.totals.capture_rate) * 100 < Number(view.settings.captureThresholdPercent) ? 'risk' : 'plain'} hint={`alert below ${view.settings.captureThresholdPercent}% a day`} />
        <Kpi label="Worst gap" value={worst ? `$${worst.gap}` : '—'} testId="kpi-worst-gap" hint={worst ? `${worst.provider} ${worst.model} on ${worst.date}` : 'no gap'} />
      </div>

      {view.drift ? <DriftPanel drift={view.drift} canFixPrices={canFixPrices} action={acceptPriceDriftAction} /> : null}

      <Section title="Capture rate over time" description="Tracked ÷ billed per provider and day (only days the bill covers)." className="mb-4">
        {chartData.length === 0 ? <EmptyState>No bill loaded for {window.from} … {window.to}.</EmptyState> : <CaptureChart data={chartData} providers={chartProviders} />}
      </Section>

      <Section
        title="Billed vs tracked, worst gaps first"
        description={`${view.rows.length} provider × day × model rows, ${gaps.length} with a gap. Money in exact USD; lines billed in another currency are listed below, not converted.`}
        csv={`/reconciliation/export?${query(window)}`}
        className="mb-4"
        testId="reconciliation-section"
      >
        {view.worst.length === 0 ? (
          <EmptyState>No bill lines in this window. Load a bill below.</EmptyState>
        ) : (
          <ReconciliationTable rows={view.worst} canFixPrices={canFixPrices} driftHref={(r) => `/reconciliation?${query(window, { drift: `${r.provider}|${r.date}|${r.model}` })}`} />
        )}
      </Section>

      {view.otherCurrency.length > 0 ? (
        <Section title="Billed in other currencies (not converted)" className="mb-4" testId="other-currency">
          <ul className="text-tremor-default tabular-nums">
            {view.otherCurrency.map((o) => (
              <li key={`${o.date}|${o.provider}|${o.model}|${o.currency}`}>
                {o.date} · {o.provider} · {o.model}: {o.amount} {o.currency}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {view.closedMonths.length > 0 ? <ClosedMonthsSection lines={view.closedMonths} /> : null}

      {can(user.role, 'bills:write') ? (
        <Section title="Load a bill" description="Preview first: it shows every line and what it matched, and loads nothing. Loading the same file again changes nothing; a corrected file replaces the lines it covers." className="mb-4">
          <BillUpload />
        </Section>
      ) : null}

      {isAdmin ? (
        <Section title="Capture-rate alert" description="An alert goes to the chosen team's webhook when a provider's capture rate for a day is below the threshold." className="mb-4">
          <CaptureSettingsForm action={saveReconciliationSettingsAction} threshold={view.settings.captureThresholdPercent} alertTeam={view.settings.alertTeam?.slug ?? null} teams={teams.map((t) => t.slug)} />
        </Section>
      ) : (
        <p className="text-tremor-label text-tremor-content">
          Alerts below {view.settings.captureThresholdPercent}% a day go to {view.settings.alertTeam ? `team ${view.settings.alertTeam.slug}` : 'no team yet'} (an admin sets this). Bills API: <Link href="/docs/api" className="text-tremor-brand-default underline">API docs</Link>.
        </p>
      )}
    </>
  )
}
