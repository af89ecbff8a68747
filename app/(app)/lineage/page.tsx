import type { Metadata } from 'next'
import { Citation, Doc } from '@/components/decision-tree/doc-text'
import { ShareChart, PriceStepChart } from '@/components/lineage/lineage-charts'
import { LineageTreeSvg } from '@/components/lineage/lineage-tree-svg'
import { PeriodForm } from '@/components/lineage/period-form'
import { TrendCard } from '@/components/lineage/trend-card'
import { formatPerMillion } from '@/components/ui/format'
import { formatCount, formatPercent, formatUsd } from '@/components/ui/format'
import { EmptyState, Section } from '@/components/ui/cards'
import { PageHeader } from '@/components/ui/page-header'
import { ScrollRegion } from '@/components/ui/scroll-region'
import { teamScope } from '@/lib/auth/session-user'
import { pool } from '@/lib/db'
import { layoutLineageTree } from '@/lib/lineage/layout-lineage-tree'
import { parseLineagePeriod } from '@/lib/lineage/lineage-period'
import { LINEAGE_CITATION, lineageRoot } from '@/lib/lineage/lineage-tree'
import { loadLineage } from '@/lib/lineage/load-lineage'
import { futureTrend } from '@/lib/policy/guidance'
import { resolveSpendTeams } from '@/lib/reports/resolve-spend-teams'
import { requirePage } from '../require-user'

export const metadata: Metadata = { title: 'Lineage' }

type SearchParams = Record<string, string | string[] | undefined>

export default async function LineagePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePage('lineage')
  const now = new Date()
  const period = parseLineagePeriod(await searchParams, now)
  const scope = teamScope(user, 'spend')
  const header = (
    <PageHeader
      title="Lineage"
      description={
        <>
          The source document&apos;s model family tree with your organisation&apos;s numbers on every model, and its Part 6
          predictions set against your data.
        </>
      }
    />
  )
  const form = <PeriodForm from={period.from} to={period.to} error={period.error} />
  if (period.error || scope.kind === 'none') {
    return (
      <>
        {header}
        {form}
        {scope.kind === 'none' ? <EmptyState>Your account belongs to no team, so there is no spend to show.</EmptyState> : null}
      </>
    )
  }

  const teamIds = await resolveSpendTeams(pool, scope)
  const data = await loadLineage(pool, { from: period.from, to: period.to, teamIds, now })
  const scopeLabel = scope.kind === 'all' ? 'all teams' : `team ${user.teamSlug ?? ''}`
  const rangeLabel = `${data.from} – ${data.to}`
  const moe = futureTrend('moe')
  const reasoning = futureTrend('reasoning-price')
  const openClosed = futureTrend('open-vs-closed')
  const shareRows = data.shares.map((s) => ({ month: s.month, MoE: s.moePercent, Open: s.openPercent, Closed: s.closedPercent }))

  return (
    <>
      {header}
      {form}
      <Section
        title="The family tree"
        description={
          <>
            {rangeLabel} · {scopeLabel} · <span data-testid="lineage-total">{formatUsd(data.totals.cost_usd)}</span> priced spend over{' '}
            {formatCount(data.totals.calls)} calls. Each model shows its spend and share of that total, its calls, its live price per 1M tokens (input / output) and its
            technical route; click a model for its page. Blue: closed; green: open. Dashed: named in the document but not drawn in its tree.
          </>
        }
        className="mb-6"
        testId="lineage-tree"
      >
        <ScrollRegion label="Model family tree" testId="lineage-tree-scroll">
          <LineageTreeSvg layout={layoutLineageTree(data.tree)} figures={data.figures} title={`Model family tree: ${lineageRoot.en}`} />
        </ScrollRegion>
        <Citation>{LINEAGE_CITATION}</Citation>
      </Section>

      <h2 className="mb-3 text-tremor-title font-semibold text-tremor-content-strong">Part 6 · the document&apos;s predictions against your data</h2>
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-3">
        <TrendCard trend={moe} testId="trend-moe" verdict={<>Share of priced spend on MoE-route models, by month ({scopeLabel}).</>}>
          <ShareChart data={shareRows} categories={['MoE']} colors={['cyan']} label={`Share of spend on MoE models by month, ${rangeLabel}`} />
          <ShareTable rows={data.shares.map((s) => [s.month, formatPercent(s.moePercent), formatUsd(s.priced)])} head={['Month', 'MoE share', 'Priced spend']} testId="moe-table" />
        </TrendCard>
        <TrendCard trend={reasoning} testId="trend-reasoning" verdict={<>Output price per 1M tokens of each reasoning-route model, every version in the price table (reasoning tokens bill at it).</>}>
          <PriceStepChart data={data.reasoning.points} categories={data.reasoning.models.map((m) => m.displayName)} label="Output price per 1M tokens of reasoning models over time" />
          {data.reasoning.models.length === 0 ? (
            <EmptyState>No reasoning model has a price.</EmptyState>
          ) : (
            <ShareTable
              head={['Model', 'First price', 'In force', 'Change']}
              rows={data.reasoning.models.map((m) => [m.displayName, `${formatPerMillion(m.first)} (${m.since})`, formatPerMillion(m.latest), formatPercent(m.changePercent, { signed: true })])}
              testId="reasoning-table"
            />
          )}
        </TrendCard>
        <TrendCard trend={openClosed} testId="trend-open" verdict={<>Share of priced spend on open-weights models (served by API or run locally) vs closed APIs, by month.</>}>
          <ShareChart data={shareRows} categories={['Open', 'Closed']} colors={['emerald', 'blue']} stack label={`Open vs closed share of spend by month, ${rangeLabel}`} />
          <ShareTable rows={data.shares.map((s) => [s.month, formatPercent(s.openPercent), formatPercent(s.closedPercent)])} head={['Month', 'Open', 'Closed']} testId="open-table" />
        </TrendCard>
      </div>
      <p className="mt-4 text-tremor-label text-tremor-content">
        Shares are of priced spend on catalog models; unpriced calls have no cost to share and models outside the catalog have no route. <Doc text={lineageRoot} /> is
        the tree&apos;s root.
      </p>
    </>
  )
}

function ShareTable({ head, rows, testId }: { head: string[]; rows: string[][]; testId: string }) {
  return (
    <table className="mt-3 w-full text-left text-tremor-label" data-testid={testId}>
      <thead className="text-tremor-content-emphasis">
        <tr>
          {head.map((h) => (
            <th key={h} scope="col" className="py-1 pr-2 font-medium">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-tremor-border-default text-tremor-content-emphasis">
        {rows.map((r) => (
          <tr key={r[0]}>
            {r.map((c, i) => (
              <td key={i} className="py-1 pr-2 tabular-nums">
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
