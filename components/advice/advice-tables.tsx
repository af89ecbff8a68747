import type { ReactNode } from 'react'
import type { AdviceNumbers, AdviceReport } from '@/lib/advisor/query-advice'
import { Decimal } from '@/lib/pricing/decimal'
import { exact, formatCount, formatUsd } from '@/components/ui/format'
import { CitedSection } from '@/components/decision-tree/doc-text'
import { ruleInfo, ruleTitle } from './rule-info'
import { SeverityBadge, td, tdNum, th, thRight } from './ui'
import { ScrollRegion } from '@/components/ui/scroll-region'

/** A saving, or for a negative one the extra cost in red: a fix that costs more is shown as such. */
export function SavingCell({ value, risk = false }: { value: string; risk?: boolean }) {
  const d = new Decimal(value)
  if (d.isNegative() && !d.isZero())
    return (
      <span className="text-red-700" title="costs more than now">
        {formatUsd(d.negated().toFixed(), { signed: true })} cost
      </span>
    )
  return <span className={risk ? 'text-tremor-content-emphasis' : 'text-emerald-700'}>{formatUsd(value)}</span>
}

/** A risk fix's change in cost: red when it costs more, plain when it happens to cost less (still no saving). */
export function CostChange({ value }: { value: Decimal }) {
  return <span className={value.gt(0) ? 'text-red-700' : 'text-tremor-content-emphasis'}>{formatUsd(value.toFixed(), { signed: true })}</span>
}

function NumberHeads({ risk = false }: { risk?: boolean }) {
  return (
    <>
      <th scope="col" className={thRight}>Calls</th>
      <th scope="col" className={thRight}>Cost now</th>
      <th scope="col" className={thRight}>At suggested</th>
      <th scope="col" className={thRight}>{risk ? 'Cost change' : 'Saving'}</th>
      <th scope="col" className={thRight} title="Calls where either side is unpriced">Saving unknown</th>
    </>
  )
}

function NumberCells({ n, risk = false }: { n: AdviceNumbers; risk?: boolean }) {
  return (
    <>
      <td className={tdNum}>{formatCount(n.calls)}</td>
      <td className={tdNum}>{formatUsd(n.current_cost)}</td>
      <td className={tdNum}>{formatUsd(n.cost_at_suggested)}</td>
      <td className={`${tdNum} font-medium`} data-cell="saving" data-exact={exact(n.saving)}>
        {risk ? <CostChange value={new Decimal(n.cost_at_suggested).minus(n.current_cost)} /> : <SavingCell value={n.saving} />}
      </td>
      <td className={tdNum}>{n.unknown.calls > 0 ? <span className="text-amber-800">{formatCount(n.unknown.calls)} calls</span> : '—'}</td>
    </>
  )
}

function Table({ children, testId, caption }: { children: ReactNode; testId: string; caption: string }) {
  return (
    <ScrollRegion label={`${caption} table`}>
      <table className="min-w-full divide-y divide-tremor-border-default" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </ScrollRegion>
  )
}

export function ByRuleTable({ rows, risk = false }: { rows: AdviceReport['by_rule']; risk?: boolean }) {
  return (
    <Table testId={risk ? 'risk-by-rule' : 'saving-by-rule'} caption={risk ? 'Risks by rule' : 'Saving by rule'}>
      <thead>
        <tr>
          <th scope="col" className={th}>Rule</th>
          <th scope="col" className={th}>Severity</th>
          <NumberHeads risk={risk} />
        </tr>
      </thead>
      <tbody className="divide-y divide-tremor-border-default">
        {rows.map((r) => {
          const def = ruleInfo(r.rule)
          return (
            <tr key={r.rule} data-rule={r.rule}>
              <td className={td}>
                <span className="block text-tremor-content-strong">{ruleTitle(r.rule)}</span>
                <span className="block font-mono text-tremor-label text-tremor-content">{r.rule}</span>
                {def?.citation ? <CitedSection citation={def.citation} className="block text-tremor-label text-tremor-content" /> : null}
              </td>
              <td className={td}>
                <SeverityBadge severity={r.severity} />
              </td>
              <NumberCells n={r} risk={risk} />
            </tr>
          )
        })}
      </tbody>
    </Table>
  )
}

export function ByTeamTable({ rows }: { rows: AdviceReport['by_team'] }) {
  return (
    <Table testId="saving-by-team" caption="Saving by team">
      <thead>
        <tr>
          <th scope="col" className={th}>Team</th>
          <NumberHeads />
        </tr>
      </thead>
      <tbody className="divide-y divide-tremor-border-default">
        {rows.map((r) => (
          <tr key={r.team_id} data-team={r.team}>
            <td className={`${td} font-medium text-tremor-content-strong`}>{r.team}</td>
            <NumberCells n={r} />
          </tr>
        ))}
      </tbody>
    </Table>
  )
}

export function ByMoveTable({ rows }: { rows: AdviceReport['by_move'] }) {
  return (
    <Table testId="saving-by-move" caption="Saving by model move">
      <thead>
        <tr>
          <th scope="col" className={th}>Model → suggested</th>
          <NumberHeads />
        </tr>
      </thead>
      <tbody className="divide-y divide-tremor-border-default">
        {rows.map((r) => (
          <tr key={`${r.current_model}→${r.suggested_model ?? ''}`}>
            <td className={`${td} whitespace-nowrap font-mono text-tremor-label`}>
              {r.current_model} → {r.suggested_model ?? <span className="font-sans text-tremor-content">no model fits</span>}
            </td>
            <NumberCells n={r} />
          </tr>
        ))}
      </tbody>
    </Table>
  )
}
