import type { AuditRow } from '@/lib/audit/load-audit'
import { auditDiff, auditEntityLabel } from './audit-diff'
import { Time } from '@/components/ui/time'
import { td } from '@/components/ui/styles'
import { SettingsTable } from './settings-table'

export type AuditTableRow = AuditRow & { teamSlug: string | null }

function Diff({ before, after, entityType }: { before: unknown; after: unknown; entityType: string }) {
  const lines = auditDiff(before, after, entityType)
  if (lines.length === 0) return <span className="text-tremor-content">no field changes recorded</span>
  return (
    <ul className="space-y-0.5 font-mono text-tremor-label">
      {lines.map((l) => (
        <li key={l.key} className="[overflow-wrap:anywhere]">
          {l.key ? <span className="text-tremor-content-emphasis">{l.key}: </span> : null}
          {l.before !== null ? <span className="bg-red-50 text-red-700 line-through decoration-red-300">{l.before}</span> : null}
          {l.before !== null && l.after !== null ? <span className="text-tremor-content"> → </span> : null}
          {l.after !== null ? <span className="bg-emerald-50 text-emerald-800">{l.after}</span> : null}
        </li>
      ))}
    </ul>
  )
}

// Phones get one card per entry (the diff is the point, and a six-column table hides it off-screen).
function AuditCards({ rows }: { rows: AuditTableRow[] }) {
  return (
    <ul className="space-y-2 md:hidden" aria-label="Audit entries">
      {rows.map((r) => {
        const name = auditEntityLabel(r.before, r.after)
        return (
          <li key={r.id} className="rounded-tremor-default border border-tremor-border-default bg-white p-3 shadow-tremor-card" data-testid="audit-card" data-action={r.action}>
            <p className="flex flex-wrap items-baseline justify-between gap-x-2 text-tremor-label text-tremor-content">
              <span className="font-mono font-semibold text-tremor-content-strong">{r.action}</span>
              <Time value={r.createdAt} />
            </p>
            <p className="mt-1 break-words text-tremor-default">
              {r.entityType}
              {r.entityId ? ` #${r.entityId}` : ''}
              {name ? <span className="text-tremor-content"> · {name}</span> : null}
              {r.teamSlug ? <span className="text-tremor-content"> · team {r.teamSlug}</span> : null}
            </p>
            <p className="break-words text-tremor-label text-tremor-content">by {r.actor}</p>
            <div className="mt-2">
              <Diff before={r.before} after={r.after} entityType={r.entityType} />
            </div>
          </li>
        )
      })}
    </ul>
  )
}

export function AuditTable({ rows }: { rows: AuditTableRow[] }) {
  return (
    <>
      <AuditCards rows={rows} />
      <SettingsTable testId="audit-table" className="hidden md:block" columns={[{ label: 'When' }, { label: 'Who' }, { label: 'Action' }, { label: 'Entity' }, { label: 'Before → after' }]}>
          {rows.map((r) => {
            const name = auditEntityLabel(r.before, r.after)
            return (
              <tr key={r.id} data-testid="audit-row" data-action={r.action} data-entity-id={r.entityId ?? ''}>
                <td className={`${td} whitespace-nowrap text-tremor-content`}><Time value={r.createdAt} /></td>
                <td className={`${td} min-w-44 [overflow-wrap:anywhere]`}>{r.actor}</td>
                <td className={`${td} whitespace-nowrap font-mono text-tremor-label text-tremor-content-strong`}>{r.action}</td>
                <td className={`${td} min-w-36`}>
                  <p>
                    {r.entityType}
                    {r.entityId ? <span className="text-tremor-content"> #{r.entityId}</span> : null}
                  </p>
                  {name ? <p className="break-words text-tremor-label text-tremor-content">{name}</p> : null}
                  {r.teamSlug ? <p className="text-tremor-label text-tremor-content">team {r.teamSlug}</p> : null}
                </td>
                <td className={`${td} min-w-72`}>
                  <Diff before={r.before} after={r.after} entityType={r.entityType} />
                </td>
              </tr>
            )
          })}
        </SettingsTable>
    </>
  )
}
