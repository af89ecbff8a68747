import type { Metadata } from 'next'
import Link from 'next/link'
import { prisma } from '@/lib/db'
import { listTeams } from '@/lib/teams/list-teams'
import { Time } from '@/components/ui/time'
import { maskUrl } from '@/components/settings/mask-url'
import { emptyState, input, label, secondaryButton, sectionTitle, td } from '@/components/ui/styles'
import { TeamFilterField } from '@/components/settings/team-filter-field'
import { SettingsTable } from '@/components/settings/settings-table'
import { RotateWebhookSecretForm, SendTestEventButton } from '@/components/settings/webhook-secret-controls'
import { WebhookVerifySnippet } from '@/components/settings/webhook-verify-snippet'
import { webhookSecretStatus } from '@/lib/webhooks/webhook-secrets'
import { requirePermission } from '../../require-user'
import { alertKinds, deliveryStatuses, loadRecentAlerts, parseAlertsFilter, type DeliveryStatus } from '@/lib/alerts/load-recent-alerts'
import { loadTeamPolicies } from '@/lib/policy/load-team-policy-summaries'
import { firstValues, toQueryString, type RawSearchParams } from '../users-filter'

export const metadata: Metadata = { title: 'Settings — webhooks & alerts' }

const statusLabel: Record<DeliveryStatus, { text: string; tone: string }> = {
  delivered: { text: 'Delivered', tone: 'text-emerald-700' },
  retrying: { text: 'Not delivered yet', tone: 'text-amber-700' },
  pending: { text: 'Not attempted', tone: 'text-tremor-content' },
}

export default async function WebhooksSettingsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requirePermission('settings:manage')
  const [teams, policies, secrets] = await Promise.all([listTeams(prisma), loadTeamPolicies(), webhookSecretStatus(prisma)])
  const { filter, applied } = parseAlertsFilter(firstValues(await searchParams), new Map(teams.map((t) => [t.slug, t.id])))
  const alerts = await loadRecentAlerts(filter)
  // Teams with a webhook first: they are the ones whose deliveries matter here.
  const hookTeams = [...teams].sort((a, b) => Number(!policies.get(a.id)?.webhookUrl) - Number(!policies.get(b.id)?.webhookUrl))
  const withHook = teams.filter((t) => policies.get(t.id)?.webhookUrl).length
  const filtered = Object.keys(applied).length > 0

  return (
    <div className="space-y-8">
      <section aria-labelledby="hooks-title" className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 id="hooks-title" className={sectionTitle}>Team webhooks</h2>
            <p className="max-w-3xl text-tremor-default text-tremor-content">
              Budget, forecast, anomaly and unpriced-model alerts are POSTed, signed with the team&apos;s own secret, to the webhook in each team&apos;s policy.
              {withHook} of {teams.length} teams have one. Webhook URLs often hold a secret, so only the host is shown; edit it in the team&apos;s policy.
              A team without a signing secret gets no deliveries until one is generated here. Only public addresses receive webhooks (on-premises
              receivers: WEBHOOK_ALLOWED_HOSTS).
            </p>
          </div>
          <a href="/settings/export/webhooks" download className={secondaryButton}>Download CSV</a>
        </div>
        {teams.length === 0 ? (
          <p className={emptyState}>No teams yet.</p>
        ) : (
          <SettingsTable testId="webhooks-table" className="max-h-96 overflow-y-auto" stickyHeader columns={[{ label: 'Team' }, { label: 'Webhook' }, { label: 'Policy' }, { label: 'Signing secret' }, { label: 'Test', hidden: true }, { label: 'Edit', hidden: true }]}>
                {hookTeams.map((t) => {
                  const p = policies.get(t.id)
                  const s = secrets.get(t.id)
                  return (
                    <tr key={t.id} data-testid="webhook-row" data-slug={t.slug}>
                      <td className={td}>
                        <span className="font-medium text-tremor-content-strong">{t.slug}</span>
                        <span className="ml-2 text-tremor-label text-tremor-content">{t.name}</span>
                      </td>
                      <td className={`${td} font-mono text-tremor-label`} data-cell="webhook">
                        {p?.webhookUrl ? maskUrl(p.webhookUrl) : <span className="font-sans text-tremor-content">not set</span>}
                      </td>
                      <td className={`${td} whitespace-nowrap text-tremor-content`}>{p ? `v${p.version}` : 'none'}</td>
                      <td className={`${td} min-w-56`} data-cell="secret">
                        <p className="text-tremor-label text-tremor-content">
                          {s?.currentSince ? <>Since <Time value={s.currentSince} /></> : 'None: nothing is delivered'}
                          {s?.previousValidUntil ? <>; previous one signs until <Time value={s.previousValidUntil} /></> : ''}
                        </p>
                        <div className="mt-1">
                          <RotateWebhookSecretForm team={t.slug} hasSecret={Boolean(s?.currentSince)} />
                        </div>
                      </td>
                      <td className={`${td} min-w-40`}>{p?.webhookUrl && s?.currentSince ? <SendTestEventButton team={t.slug} /> : null}</td>
                      <td className={`${td} whitespace-nowrap`}>
                        <Link href={`/teams/${t.slug}`} className="text-tremor-brand-default hover:underline">Edit on team page</Link>
                      </td>
                    </tr>
                  )
                })}
              </SettingsTable>
        )}
      </section>

      <WebhookVerifySnippet />

      <section aria-labelledby="alerts-title" className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 id="alerts-title" className={sectionTitle}>Recent alert deliveries</h2>
            <p className="text-tremor-default text-tremor-content">The newest 50{filtered ? ' matching' : ''} alerts, with delivery time and attempts. Failed deliveries retry with backoff.</p>
          </div>
          <a href={`/settings/export/alerts${toQueryString(applied)}`} download className={secondaryButton}>Download CSV</a>
        </div>
        <form method="get" action="/settings/webhooks" className="flex flex-wrap items-end gap-3" aria-label="Filter alerts">
          <TeamFilterField id="a-team" teams={teams} value={applied.team} />
          <div>
            <label htmlFor="a-kind" className={label}>Kind</label>
            <select id="a-kind" name="kind" defaultValue={applied.kind ?? ''} className={`mt-1 ${input} w-auto`}>
              <option value="">Any kind</option>
              {alertKinds.map((k) => (
                <option key={k} value={k}>{k.replace('_', ' ')}</option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="a-status" className={label}>Delivery</label>
            <select id="a-status" name="status" defaultValue={applied.status ?? ''} className={`mt-1 ${input} w-auto`}>
              <option value="">Any</option>
              {deliveryStatuses.map((s) => (
                <option key={s} value={s}>{statusLabel[s].text}</option>
              ))}
            </select>
          </div>
          <button type="submit" className={secondaryButton}>Apply</button>
          {filtered ? (
            <Link href="/settings/webhooks" className="py-1.5 text-tremor-default text-tremor-brand-default hover:underline">Clear filters</Link>
          ) : null}
        </form>
        {alerts.length === 0 ? (
          <p className={emptyState}>{filtered ? 'No alert matches these filters.' : 'No alerts yet: they fire when a team crosses a budget threshold, spends unusually, or uses an unpriced model.'}</p>
        ) : (
          <SettingsTable testId="alerts-table" columns={[{ label: 'Created' }, { label: 'Team' }, { label: 'Kind' }, { label: 'Message' }, { label: 'Delivery' }, { label: 'Attempts', className: 'text-right' }]}>
                {alerts.map((a) => (
                  <tr key={a.id} data-testid="alert-row">
                    <td className={`${td} whitespace-nowrap text-tremor-content`}><Time value={a.createdAt} /></td>
                    <td className={`${td} whitespace-nowrap`}>{a.teamSlug}</td>
                    <td className={`${td} whitespace-nowrap`}>{a.kind.replace('_', ' ')}</td>
                    <td className={`${td} min-w-64 text-tremor-content-strong`}>{a.message}</td>
                    <td className={`${td} whitespace-nowrap ${statusLabel[a.status].tone}`}>
                      {statusLabel[a.status].text}
                      {a.deliveredAt ? <p className="text-tremor-label text-tremor-content"><Time value={a.deliveredAt} /></p> : null}
                    </td>
                    <td className={`${td} text-right tabular-nums`}>{a.attempts}</td>
                  </tr>
                ))}
              </SettingsTable>
        )}
      </section>
    </div>
  )
}
