import { formatCount, formatPercent, formatUsd } from '@/components/ui/format'
import { ruleAction } from '@/lib/advisor/describe-policy-impact'
import { Decimal } from '@/lib/pricing/decimal'
import type { PolicyImpact as Impact } from '@/lib/advisor/describe-policy-impact'

/** The draft's consequences in sentences, one per rule and model it would move calls off. */
export function PolicyImpact({ impact, team, days }: { impact: Impact; team: string; days: number }) {
  const change = (after: string, before: string) => formatUsd(new Decimal(after).minus(before).toFixed(), { signed: true })
  return (
    <div role="status" className="rounded-tremor-default border border-tremor-brand-muted bg-tremor-brand-faint p-3 text-tremor-default text-tremor-content-strong" data-testid="policy-impact">
      <p className="font-medium">
        Before saving: this draft would move {formatCount(impact.movedCalls)} of {team}&apos;s {formatCount(impact.calls)} calls in the last {days} days; spend{' '}
        {formatUsd(impact.spendBefore)} → {formatUsd(impact.spendAfter)} ({change(impact.spendAfter, impact.spendBefore)}).
      </p>
      {impact.lines.length === 0 ? (
        <p className="mt-1">No call in that window would be flagged or moved by this draft.</p>
      ) : (
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {impact.lines.map((l) => (
            <li key={`${l.rule}-${l.fromModel}`} data-testid="impact-line" data-rule={l.rule} data-model={l.fromModel} data-calls={l.calls} data-change={l.spendChange}>
              {ruleAction(l.rule, l.fromModel)} affects {formatPercent(l.sharePercent)} of {team}&apos;s calls ({formatCount(l.calls)} in {days} days); moving them to{' '}
              {l.toModels.map((t, i) => (
                <span key={t.model}>
                  {i > 0 ? (i === l.toModels.length - 1 ? ' and ' : ', ') : ''}
                  <span className="font-mono">{t.model}</span>
                  {l.toModels.length > 1 ? ` (${formatCount(t.calls)})` : ''}
                </span>
              ))}{' '}
              would change spend by {formatUsd(l.spendChange, { signed: true })}
              {l.unknownCalls > 0 ? `, plus ${formatCount(l.unknownCalls)} calls whose cost is unknown (unpriced)` : ''}.
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
