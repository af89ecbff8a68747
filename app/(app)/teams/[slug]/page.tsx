import type { Metadata } from 'next'
import Link from 'next/link'
import { ProgressBar } from '@/components/ui/tremor'
import { budgetColor } from '@/components/spend/budget-burn'
import { formatCount, formatDay, formatPercent, formatUsd } from '@/components/ui/format'
import { EmptyState, Kpi, Section } from '@/components/ui/cards'
import { DailySpendChart } from '@/components/spend/spend-charts'
import { dailyByModel, DAY_KEY, OTHER_MODELS } from '@/components/spend/spend-series'
import { loadModelColors } from '@/lib/catalog/load-model-colors'
import { colorOfModel } from '@/lib/catalog/model-colors'
import { AlertsList } from '@/components/teams/alerts-list'
import { ApiKeysPanel } from '@/components/teams/api-keys-panel'
import { FlaggedCallsTable } from '@/components/advice/flagged-calls-table'
import { PolicyForm } from '@/components/teams/policy-form'
import { PolicyHistory } from '@/components/teams/policy-history'
import { PolicySummary } from '@/components/teams/policy-summary'
import { PageHeader } from '@/components/ui/page-header'
import { listApiKeys, teamKeyScopes } from '@/lib/auth/api-keys'
import { canActOnTeam } from '@/lib/auth/session-user'
import { getBudgetStatus } from '@/lib/budgets/get-budget-status'
import { pool, prisma } from '@/lib/db'
import { getTeamPolicy } from '@/lib/policy/get-team-policy'
import { listTeamPolicyVersions } from '@/lib/policy/list-team-policy-versions'
import { querySpend } from '@/lib/reports/query-spend'
import { parsePageParam } from '@/lib/advisor/page-advised-calls'
import { FLAGGED_CALLS_WINDOW_DAYS, pageFlaggedCalls, teamPageWindow } from '@/lib/teams/list-flagged-calls'
import { listTeamAlerts } from '@/lib/teams/list-team-alerts'
import { createKeyAction, previewPolicyAction, revokeKeyAction, savePolicyAction } from './actions'
import { loadVisibleTeam } from './visible-team'
import { loadUserEmails } from '@/lib/users/load-user-emails'
import { listModelOptions } from '@/lib/catalog/list-model-options'

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  return { title: `Team ${(await params).slug}` }
}

const HISTORY_SHOWN = 20

export default async function TeamPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ page?: string | string[] }> }) {
  const { user, team } = await loadVisibleTeam((await params).slug)
  const now = new Date()
  // One window for the chart, the flagged-calls KPI and the flagged-calls table, so their numbers agree.
  const range = teamPageWindow(now)
  const canReadPolicy = canActOnTeam(user, 'policy', team.id)
  const canWritePolicy = canActOnTeam(user, 'policy-write', team.id)
  const canManageKeys = canActOnTeam(user, 'keys', team.id)

  const [status, daily, byModel, alerts, flagged, policy, versions, keys, models, modelColors] = await Promise.all([
    getBudgetStatus(pool, team.id, now),
    querySpend(pool, { ...range, teamIds: [team.id], groupBy: ['day', 'model'] }),
    querySpend(pool, { ...range, teamIds: [team.id], groupBy: ['model'] }),
    listTeamAlerts(prisma, team.id, { limit: 50 }),
    pageFlaggedCalls(pool, team.id, now, parsePageParam((await searchParams).page)),
    canReadPolicy ? getTeamPolicy(prisma, team.id) : null,
    canReadPolicy ? listTeamPolicyVersions(prisma, team.id, { limit: HISTORY_SHOWN + 1 }) : [],
    listApiKeys(prisma, team.id),
    canWritePolicy ? listModelOptions(prisma, 'slug') : [],
    loadModelColors(prisma),
  ])
  const authors = await loadUserEmails(versions.map((v) => v.createdById))
  const series = dailyByModel(daily.rows, byModel.rows, range, 6)
  const over = status.percent !== null && status.percent > 100
  const exportHref = (table: string) => `/teams/${team.slug}/export?table=${table}`

  return (
    // Breakpoints follow the content area, not the window: the sidebar takes part of the width.
    <div className="@container">
      <PageHeader
        title={team.name}
        description={
          <>
            <span className="font-mono">{team.slug}</span> · spend, budget, alerts, flagged calls, policy and API keys. Month {status.month}.
          </>
        }
        actions={
          <Link
            href={`/spend?team=${team.slug}`}
            className="rounded-tremor-default border border-tremor-border-default bg-white px-3 py-1.5 text-tremor-default font-medium text-tremor-content-strong shadow-tremor-input hover:bg-tremor-background-subtle"
          >
            Open in Spend
          </Link>
        }
      />

      <div className="mb-6 grid grid-cols-1 gap-4 @xl:grid-cols-2 @4xl:grid-cols-4">
        <Kpi
          label="Month to date"
          value={formatUsd(status.spent)}
          testId="team-spent"
          hint={status.unpricedCalls > 0 ? <span className="text-amber-700">+{formatCount(status.unpricedCalls)} unpriced calls (cost unknown)</span> : 'all calls priced'}
        />
        <div className="min-w-0 rounded-tremor-default border border-tremor-border-default bg-white p-4 shadow-tremor-card" data-testid="team-budget">
          <p className="text-tremor-default text-tremor-content">Monthly budget</p>
          {status.budget === null ? (
            <p className="mt-1 text-tremor-metric font-semibold text-tremor-content-strong">none</p>
          ) : (
            <>
              <p className="mt-1 flex items-baseline gap-2">
                <span className={`text-tremor-metric font-semibold tabular-nums ${over ? 'text-red-600' : 'text-tremor-content-strong'}`}>{formatPercent(status.percent)}</span>
                <span className="text-tremor-default text-tremor-content">of {formatUsd(status.budget)}</span>
              </p>
              <ProgressBar value={Math.min(100, status.percent ?? 0)} color={budgetColor(status.percent)} showAnimation={false} className="mt-2" />
              {status.thresholdsCrossed.length > 0 ? (
                <p className="mt-1 text-tremor-label text-tremor-content">Crossed: {status.thresholdsCrossed.map((t) => `${t}%`).join(', ')}</p>
              ) : null}
            </>
          )}
        </div>
        <Kpi label="Month-end forecast" value={formatUsd(status.forecast)} testId="team-forecast" title={status.forecastMethod} hint={<span className="line-clamp-2">{status.forecastMethod}</span>} />
        <Kpi
          label={`Flagged calls (${FLAGGED_CALLS_WINDOW_DAYS} days)`}
          value={formatCount(byModel.totals.flagged_calls)}
          testId="team-flagged-calls"
          hint={<>potential saving {formatUsd(byModel.totals.potential_saving_usd)}</>}
        />
      </div>

      <Section title="Daily spend" description={`Last ${FLAGGED_CALLS_WINDOW_DAYS} days by model (${range.from} – ${range.to}).`} csv={exportHref('daily')} className="mb-6" testId="team-daily">
        {daily.rows.length === 0 ? (
          <EmptyState>No usage in the last {FLAGGED_CALLS_WINDOW_DAYS} days.</EmptyState>
        ) : (
          <DailySpendChart data={series.data.map((d) => ({ ...d, [DAY_KEY]: formatDay(String(d[DAY_KEY])) }))} categories={series.categories}
            colors={series.categories.map((c) => colorOfModel(modelColors, c, OTHER_MODELS))}
            label={`Daily spend of ${team.slug} by model`}
          />
        )}
      </Section>

      <div className="mb-6 grid grid-cols-1 gap-4">
        <Section title="Alerts" description="Newest first (latest 50)." csv={exportHref('alerts')} testId="team-alerts">
          {alerts.length === 0 ? <EmptyState>No alerts for this team.</EmptyState> : <AlertsList alerts={alerts} />}
        </Section>
        <Section
          title="Flagged calls"
          description={`Calls with advice in the last ${FLAGGED_CALLS_WINDOW_DAYS} days (${range.from} – ${range.to}), newest first.`}
          csv={exportHref('flagged')}
          testId="team-flagged"
        >
          {flagged.total === 0 ? (
            <EmptyState>No flagged calls in the last {FLAGGED_CALLS_WINDOW_DAYS} days.</EmptyState>
          ) : (
            <FlaggedCallsTable page={flagged} showTeam={false} hrefForPage={(n) => `/teams/${team.slug}${n === 1 ? '' : `?page=${n}`}`} />
          )}
        </Section>
      </div>

      {canReadPolicy ? (
        <div className="mb-6 grid grid-cols-1 gap-4 @4xl:grid-cols-[3fr_2fr]">
          <Section
            title="Policy"
            description={
              policy
                ? `Version ${policy.version} in force. ${canWritePolicy ? 'Saving makes a new version.' : 'Read-only: edited by the team lead or an admin.'}`
                : `No policy saved yet.${canWritePolicy ? '' : ' Read-only: edited by the team lead or an admin.'}`
            }
            testId="team-policy"
          >
            {canWritePolicy ? (
              <PolicyForm team={team.slug} saved={policy} models={models} action={savePolicyAction} preview={previewPolicyAction} />
            ) : policy ? (
              <PolicySummary policy={policy} />
            ) : (
              <EmptyState>This team has no policy yet.</EmptyState>
            )}
          </Section>
          <Section title="Policy history" description="Every saved version, newest first." csv={exportHref('policy')} testId="team-policy-history">
            {versions.length === 0 ? <EmptyState>No versions yet.</EmptyState> : <PolicyHistory versions={versions} shown={HISTORY_SHOWN} authors={authors} />}
          </Section>
        </div>
      ) : null}

      <Section title="API keys" description="Keys post usage and read this team's spend. A key is shown once, when it is created." csv={exportHref('keys')} testId="team-keys">
        <ApiKeysPanel
          team={team.slug}
          keys={keys.map((k) => ({
            id: k.id,
            name: k.name,
            prefix: k.prefix,
            scopes: k.scopes,
            createdAt: k.createdAt.toISOString(),
            lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
            revokedAt: k.revokedAt?.toISOString() ?? null,
          }))}
          scopes={[...teamKeyScopes]}
          canManage={canManageKeys}
          createAction={createKeyAction}
          revokeAction={revokeKeyAction}
        />
      </Section>
    </div>
  )
}
