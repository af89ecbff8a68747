import type { Metadata } from 'next'
import Link from 'next/link'
import { prisma } from '@/lib/db'
import { listTeams } from '@/lib/teams/list-teams'
import { AuditTable } from '@/components/settings/audit-table'
import { emptyState, input, label, secondaryButton, sectionTitle } from '@/components/ui/styles'
import { TeamFilterField } from '@/components/settings/team-filter-field'
import { requirePermission } from '../../require-user'
import { AUDIT_PAGE_SIZE, loadAudit, loadAuditVocabulary, parseAuditFilter } from '@/lib/audit/load-audit'
import { firstValues, toQueryString, type RawSearchParams } from '../users-filter'

export const metadata: Metadata = { title: 'Audit log' }

// Admin and finance (audit:read). Read-only: the log is written only by the changes themselves.
export default async function AuditPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requirePermission('audit:read')
  const teams = await listTeams(prisma)
  const { filter, applied } = parseAuditFilter(firstValues(await searchParams), new Map(teams.map((t) => [t.slug, t.id])))
  const [rows, vocabulary] = await Promise.all([loadAudit(filter), loadAuditVocabulary()])
  const slugById = new Map(teams.map((t) => [t.id, t.slug]))
  const filtered = Object.keys(applied).length > 0
  const prefixes = [...new Set(vocabulary.actions.map((a) => `${a.split('.')[0]}.`))]

  return (
    <section aria-labelledby="audit-title" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="audit-title" className={sectionTitle}>Recent changes</h2>
          <p className="max-w-3xl text-tremor-default text-tremor-content">
            The newest {AUDIT_PAGE_SIZE}{filtered ? ' matching' : ''} changes to prices, policies, keys, users, teams and months: who, when, and what changed.
            Each row is written together with its change. Webhook URLs show their host only.
          </p>
        </div>
        <a href={`/settings/audit/export${toQueryString(applied)}`} download className={secondaryButton}>Download CSV</a>
      </div>

      <form method="get" action="/settings/audit" className="flex flex-wrap items-end gap-3" aria-label="Filter audit log">
        <div>
          <label htmlFor="au-action" className={label}>Action</label>
          <select id="au-action" name="action" defaultValue={applied.action ?? ''} className={`mt-1 ${input} w-auto`}>
            <option value="">Any action</option>
            {prefixes.map((p) => (
              <option key={p} value={p}>{p}* (all)</option>
            ))}
            {vocabulary.actions.map((a) => (
              <option key={a} value={a}>{a}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="au-entity" className={label}>Entity</label>
          <select id="au-entity" name="entity" defaultValue={applied.entity ?? ''} className={`mt-1 ${input} w-auto`}>
            <option value="">Any entity</option>
            {vocabulary.entities.map((e) => (
              <option key={e} value={e}>{e}</option>
            ))}
          </select>
        </div>
        <TeamFilterField id="au-team" teams={teams} value={applied.team} />
        <div>
          <label htmlFor="au-actor" className={label}>Who</label>
          <input id="au-actor" name="actor" defaultValue={applied.actor} placeholder="email or cli" className={`mt-1 ${input} w-48`} />
        </div>
        <button type="submit" className={secondaryButton}>Apply</button>
        {filtered ? (
          <Link href="/settings/audit" className="py-1.5 text-tremor-default text-tremor-brand-default hover:underline">Clear filters</Link>
        ) : null}
      </form>

      {rows.length === 0 ? (
        <p className={emptyState}>{filtered ? 'No audit entry matches these filters.' : 'No changes recorded yet.'}</p>
      ) : (
        <AuditTable rows={rows.map((r) => ({ ...r, teamSlug: r.teamId === null ? null : (slugById.get(r.teamId) ?? `team ${r.teamId}`) }))} />
      )}
    </section>
  )
}
