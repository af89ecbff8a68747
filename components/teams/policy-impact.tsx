import { formatCount, formatPercent, formatUsd } from '@/components/ui/format'
import { ruleAction } from '@/lib/advisor/describe-policy-impact'
import { Decimal } from '@/lib/pricing/decimal'
import type { PolicyImpact as Impact, PolicyImpactLine } from '@/lib/advisor/describe-policy-impact'

function SpendChange({ line }: { line: PolicyImpactLine }) {
  // Unpriced on one side is unknown, never a change of $0.
  if (line.unknownCalls >= line.calls) return <>would change spend by an unknown amount: none of these calls is priced on both sides (unpriced)</>
  return (
    <>
      would change spend by {formatUsd(line.spendChange, { signed: true })}
      {line.unknownCalls > 0 ? `, plus ${formatCount(line.unknownCalls)} calls whose cost is unknown (unpriced)` : ''}
    </>
  )
}

/** The draft's consequences in sentences, one per rule and model it would move calls off. */
export function PolicyImpact({ impact, team, days }: { impact: Impact; team: string; days: number }) {
  const change = (after: string, before: string) => formatUsd(new Decimal(after).minus(before).toFixed(), { signed: true })
  const target = impact.target
  return (
    <div role="status" className="rounded-tremor-default border border-tremor-brand-muted bg-tremor-brand-faint p-3 text-tremor-default text-tremor-content-strong" data-testid="policy-impact">
      <p className="font-medium">
        Before saving: this draft would move {formatCount(impact.movedCalls)} of {team}&apos;s {formatCount(impact.calls)} calls in the last {days} days
        {target ? (
          <>
            {' '}
            (to <span className="font-mono">{target.model}</span> wherever the draft permits it)
          </>
        ) : null}
        ; spend {formatUsd(impact.spendBefore)} → {formatUsd(impact.spendAfter)} ({change(impact.spendAfter, impact.spendBefore)}).
      </p>
      {target && target.calls === 0 && impact.movedCalls > 0 ? (
        <p className="mt-1" data-testid="impact-target-note">
          No affected call can move to <span className="font-mono">{target.model}</span>: this draft does not permit it for them (blocked, not on the allowed list, not local for
          local-only data, or above the price cap).
        </p>
      ) : null}
      {target && target.unpriced_calls > 0 ? (
        <p className="mt-1 text-amber-800" data-testid="impact-target-note">
          <span className="font-mono">{target.model}</span> has no price in force for {formatCount(target.unpriced_calls)} of the {formatCount(target.calls)} calls moved to it: their cost
          there is unknown, not zero, and is left out of the spend after.
        </p>
      ) : null}
      {impact.lines.length === 0 ? (
        <p className="mt-1">No call in that window would be flagged or moved by this draft.</p>
      ) : (
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {impact.lines.map((l) => (
            <li key={`${l.rule}-${l.fromModel}`} data-testid="impact-line" data-rule={l.rule} data-model={l.fromModel} data-calls={l.calls} data-change={l.spendChange} data-unknown={l.unknownCalls}>
              {ruleAction(l.rule, l.fromModel)} affects {formatPercent(l.sharePercent)} of {team}&apos;s calls ({formatCount(l.calls)} in {days} days); moving them to{' '}
              {l.toModels.map((t, i) => (
                <span key={t.model}>
                  {i > 0 ? (i === l.toModels.length - 1 ? ' and ' : ', ') : ''}
                  <span className="font-mono">{t.model}</span>
                  {l.toModels.length > 1 ? ` (${formatCount(t.calls)})` : ''}
                </span>
              ))}{' '}
              <SpendChange line={l} />.
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
