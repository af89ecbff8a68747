import type { Prisma } from '@prisma/client'
import type { HistoryVersion } from '@/lib/catalog/load-model-with-history'
import { Badge, PriceSourceBadges } from './badge'
import { formatPerMillion } from '@/components/ui/format'
import { Time } from '@/components/ui/time'
import { th, td } from '@/components/ui/styles'

function Rate({ value, fallback }: { value: Prisma.Decimal | null; fallback: 'input' | 'output' }) {
  if (value === null) return <span className="font-sans text-tremor-label text-tremor-content-subtle">= {fallback}</span>
  return <>{formatPerMillion(value)}</>
}

const stateBadge = {
  'in-force': <Badge tone="green">In force</Badge>,
  scheduled: <Badge tone="blue">Scheduled</Badge>,
  past: <Badge tone="gray">Ended</Badge>,
}

export function PriceHistoryTable({ versions }: { versions: HistoryVersion[] }) {
  return (
    <div tabIndex={0} role="region" aria-label="Price versions" className="overflow-x-auto rounded-tremor-default border border-tremor-border-default bg-white shadow-tremor-card">
      <table className="min-w-full divide-y divide-tremor-border-default" data-testid="price-history">
        <thead className="bg-tremor-background-muted">
          <tr>
            <th scope="col" className={th}>Version</th>
            <th scope="col" className={th}>Effective</th>
            <th scope="col" className={`${th} text-right`}>Input</th>
            <th scope="col" className={`${th} text-right`}>Cache read</th>
            <th scope="col" className={`${th} text-right`}>Cache write</th>
            <th scope="col" className={`${th} text-right`}>Output</th>
            <th scope="col" className={`${th} text-right`}>Reasoning</th>
            <th scope="col" className={th}>Source</th>
            <th scope="col" className={`${th} min-w-48`}>Note</th>
            <th scope="col" className={th}>Added</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-tremor-border-default">
          {versions.map((v) => (
            <tr key={v.id} data-version={v.id} data-state={v.state} className={v.state === 'in-force' ? 'bg-emerald-50/40' : undefined}>
              <td className={td}>
                <div className="flex flex-col items-start gap-1">
                  <span className="font-mono text-tremor-content-strong">#{v.id}</span>
                  {stateBadge[v.state]}
                </div>
              </td>
              <td className={`${td} whitespace-nowrap`}>
                <p>from <Time value={v.effectiveFrom} /></p>
                <p className="text-tremor-content">{v.effectiveTo ? <>to <Time value={v.effectiveTo} /></> : 'open-ended'}</p>
              </td>
              <td className={`${td} text-right font-mono tabular-nums text-tremor-content-strong`} data-cell="input">
                {formatPerMillion(v.input)}
              </td>
              <td className={`${td} text-right font-mono tabular-nums`} data-cell="cacheRead">
                <Rate value={v.cacheRead} fallback="input" />
              </td>
              <td className={`${td} text-right font-mono tabular-nums`} data-cell="cacheWrite">
                <Rate value={v.cacheWrite} fallback="input" />
              </td>
              <td className={`${td} text-right font-mono tabular-nums text-tremor-content-strong`} data-cell="output">
                {formatPerMillion(v.output)}
              </td>
              <td className={`${td} text-right font-mono tabular-nums`} data-cell="reasoning">
                <Rate value={v.reasoning} fallback="output" />
              </td>
              <td className={td}>
                <PriceSourceBadges source={v.source} derived={v.derived} />
              </td>
              <td className={`${td} text-tremor-content`}>{v.note ?? '—'}</td>
              <td className={`${td} whitespace-nowrap text-tremor-content`}>
                <p>{v.createdBy ?? 'seed / system'}</p>
                <p className="text-tremor-label"><Time value={v.createdAt} /></p>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
