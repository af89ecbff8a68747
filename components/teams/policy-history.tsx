import { Time } from '@/components/ui/time'
import type { TeamPolicyView } from '@/lib/policy/team-policy-view'
import { diffPolicyVersions } from '@/lib/teams/diff-policy-versions'

/** Versions newest first; `versions` may hold one more (older) than shown, to diff the last one shown. */
export function PolicyHistory({ versions, shown, authors }: { versions: TeamPolicyView[]; shown: number; authors: Map<number, string> }) {
  return (
    <ol className="divide-y divide-tremor-border-default" data-testid="policy-history">
      {versions.slice(0, shown).map((v, i) => {
        const previous = versions[i + 1] ?? null
        const changes = previous || v.version === 1 ? diffPolicyVersions(previous, v) : null
        return (
          <li key={v.version} className="py-3" data-version={v.version}>
            <p className="flex flex-wrap items-baseline gap-x-2 text-tremor-default">
              <span className="font-semibold text-tremor-content-strong">v{v.version}</span>
              <span className="text-tremor-content">{v.createdById !== null ? (authors.get(v.createdById) ?? `user ${v.createdById}`) : 'seed / system'}</span>
              <Time value={v.createdAt} className="text-tremor-label text-tremor-content" />
            </p>
            {changes === null ? (
              <p className="text-tremor-label text-tremor-content">Earlier versions not shown.</p>
            ) : changes.length === 0 ? (
              <p className="text-tremor-label text-tremor-content">Saved without changes.</p>
            ) : (
              <ul className="mt-1 space-y-0.5 text-tremor-label">
                {changes.map((c) => (
                  <li key={c.field} className="break-words">
                    <span className="font-medium text-tremor-content-emphasis">{c.field}:</span>{' '}
                    {v.version === 1 ? null : (
                      <>
                        <span className="text-tremor-content line-through decoration-tremor-content-subtle">{c.before}</span> →{' '}
                      </>
                    )}
                    <span className="text-tremor-content-strong">{c.after}</span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        )
      })}
    </ol>
  )
}
