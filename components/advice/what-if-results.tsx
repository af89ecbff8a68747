import type { WhatIfNumbers, WhatIfReport } from '@/lib/advisor/what-if'
import { Decimal } from '@/lib/pricing/decimal'
import { CostChange, SavingCell } from './advice-tables'
import { exact, formatCount, formatUsd } from '@/components/ui/format'
import { isRisk, ruleInfo, ruleTitle } from './rule-info'
import { CsvLink, Kpi } from '@/components/ui/cards'
import { SeverityBadge, td, tdNum, th, thRight } from './ui'
import { WhatIfChart } from './what-if-chart'
import { ScrollRegion } from '@/components/ui/scroll-region'

type Move = WhatIfReport['moves'][number]

/** Moves split by the rule's severity: risk fixes are not savings, so they are summed apart. */
export function splitMoves(moves: readonly Move[]): { savings: Move[]; risks: Move[]; saved: Decimal; riskCost: Decimal } {
  const risks = moves.filter((m) => isRisk(ruleInfo(m.rule)?.severity))
  const savings = moves.filter((m) => !risks.includes(m))
  const sum = (list: Move[]) => list.reduce((t, m) => t.plus(m.saving), new Decimal(0))
  return { savings, risks, saved: sum(savings), riskCost: sum(risks).negated() }
}

function Heads() {
  return (
    <>
      <th scope="col" className={thRight}>Calls</th>
      <th scope="col" className={thRight}>Would move</th>
      <th scope="col" className={thRight}>Spend before</th>
      <th scope="col" className={thRight}>Spend after</th>
      <th scope="col" className={thRight}>Difference</th>
      <th scope="col" className={thRight}>Unpriced before / after</th>
    </>
  )
}

function Cells({ n }: { n: WhatIfNumbers }) {
  return (
    <>
      <td className={tdNum}>{formatCount(n.calls)}</td>
      <td className={tdNum}>{formatCount(n.moved_calls)}</td>
      <td className={tdNum} data-cell="before" data-exact={exact(n.spend_before)}>
        {formatUsd(n.spend_before)}
      </td>
      <td className={tdNum} data-cell="after" data-exact={exact(n.spend_after)}>
        {formatUsd(n.spend_after)}
      </td>
      <td className={tdNum}>
        <SavingCell value={n.saving} />
        {n.saving_unknown_calls > 0 ? <span className="block text-tremor-label text-amber-800">+ {formatCount(n.saving_unknown_calls)} calls unknown</span> : null}
      </td>
      <td className={tdNum}>
        {formatCount(n.unpriced_calls_before)} / {formatCount(n.unpriced_calls_after)}
      </td>
    </>
  )
}

/** The numbers per team, or per team and model: the key columns, then Heads / Cells. */
function BreakdownTable({ testId, label, keyHeads, children }: { testId: string; label: string; keyHeads: string[]; children: React.ReactNode }) {
  return (
    <ScrollRegion label={label}>
      <table className="min-w-full divide-y divide-tremor-border-default" data-testid={testId}>
        <thead>
          <tr>
            {keyHeads.map((h) => (
              <th key={h} scope="col" className={th}>
                {h}
              </th>
            ))}
            <Heads />
          </tr>
        </thead>
        <tbody className="divide-y divide-tremor-border-default">{children}</tbody>
      </table>
    </ScrollRegion>
  )
}

function MovesTable({ moves, risk }: { moves: readonly Move[]; risk: boolean }) {
  return (
    <ScrollRegion label={risk ? 'Risk fixes table' : 'Moves that save table'}>
      <table className="min-w-full divide-y divide-tremor-border-default" data-testid={risk ? 'what-if-risks' : 'what-if-moves'}>
        <caption className="sr-only">{risk ? 'Risk fixes' : 'Moves that save'}</caption>
        <thead>
          <tr>
            <th scope="col" className={th}>Team</th>
            <th scope="col" className={th}>Model → to</th>
            <th scope="col" className={th}>Rule</th>
            <th scope="col" className={thRight}>Calls</th>
            <th scope="col" className={thRight}>Cost before</th>
            <th scope="col" className={thRight}>Cost after</th>
            <th scope="col" className={thRight}>{risk ? 'Cost change' : 'Saving'}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-tremor-border-default">
          {moves.map((m) => (
            <tr key={`${m.team_id}-${m.from_model}-${m.to_model}-${m.rule}`} data-from-model={m.from_model} data-to-model={m.to_model} data-rule={m.rule} data-saving={m.saving}>
              <td className={td}>{m.team}</td>
              <td className={`${td} whitespace-nowrap font-mono text-tremor-label`}>
                {m.from_model} → {m.to_model}
              </td>
              <td className={td}>
                <span className="block">{ruleTitle(m.rule)}</span>
                <span className="flex items-center gap-1.5">
                  <SeverityBadge severity={ruleInfo(m.rule)?.severity ?? null} />
                  <span className="font-mono text-tremor-label text-tremor-content">{m.rule}</span>
                </span>
              </td>
              <td className={tdNum}>{formatCount(m.calls)}</td>
              <td className={tdNum}>{formatUsd(m.cost_before)}</td>
              <td className={tdNum}>
                {m.unpriced_calls_after >= m.calls ? 'unknown' : formatUsd(m.cost_after)}
                {m.unpriced_calls_after > 0 && m.unpriced_calls_after < m.calls ? <span className="block text-tremor-label text-amber-800">+ {formatCount(m.unpriced_calls_after)} calls unpriced</span> : null}
              </td>
              <td className={`${tdNum} font-medium`}>
                {risk ? <CostChange value={new Decimal(m.saving).negated()} /> : <SavingCell value={m.saving} />}
                {m.saving_unknown_calls > 0 ? <span className="block text-tremor-label text-amber-800">{formatCount(m.saving_unknown_calls)} calls unknown</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  )
}

export function WhatIfResults({ report, window, teamLabel, csv }: { report: WhatIfReport; window: { from: string; to: string }; teamLabel: string; csv: (table: string) => string }) {
  const t = report.totals
  const { savings, risks, saved, riskCost } = splitMoves(report.moves)
  const oneTeam = report.by_team.length === 1
  const h3 = 'mb-2 mt-6 flex items-center justify-between gap-3 text-tremor-default font-semibold text-tremor-content-strong'
  return (
    <div data-testid="what-if-results" data-from={window.from} data-to={window.to}>
      <p className="mb-3 text-tremor-default text-tremor-content-emphasis">
        {report.mode === 'apply-all-advice' ? 'Every advised call moved' : 'Replayed under the proposed policy, its moved calls sent'}{' '}
        {report.target ? (
          <>
            to <span className="font-mono">{report.target.model}</span> wherever the policy permits it (elsewhere to the suggested model)
          </>
        ) : (
          'to the suggested model'
        )}{' '}
        · {teamLabel} · {window.from} – {window.to} ({report.days} whole days, today so far) · {formatCount(t.calls)} calls.
      </p>
      {report.target && report.target.calls === 0 && t.moved_calls > 0 ? (
        <p className="mb-3 text-tremor-default text-tremor-content-emphasis" data-testid="what-if-target-none">
          No moved call could go to <span className="font-mono">{report.target.model}</span>: the policy does not permit it for any of them (blocked, not on the allowed list, not
          local for local-only data, or above the price cap).
        </p>
      ) : null}
      {report.target && report.target.unpriced_calls > 0 ? (
        <p role="note" className="mb-3 rounded-tremor-default border border-amber-200 bg-amber-50 px-3 py-2 text-tremor-default text-amber-800" data-testid="what-if-target-unpriced">
          <span className="font-mono">{report.target.model}</span> has no price in force for {formatCount(report.target.unpriced_calls)} of the {formatCount(report.target.calls)} calls
          moved to it: their cost there is unknown, not zero, and is left out of the spend after and the saving.
        </p>
      ) : null}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <Kpi label="Spend before" value={formatUsd(t.spend_before)} testId="what-if-before" hint={<span data-exact={exact(t.spend_before)}>{formatCount(t.unpriced_calls_before)} unpriced calls not included</span>} />
        <Kpi label="Spend after" value={formatUsd(t.spend_after)} testId="what-if-after" hint={<span data-exact={exact(t.spend_after)}>{formatCount(t.unpriced_calls_after)} unpriced calls not included</span>} />
        <Kpi
          label="Net difference"
          value={<SavingCell value={new Decimal(t.spend_before).minus(t.spend_after).toFixed()} />}
          testId="what-if-difference"
          hint={<>saving {formatUsd(saved.toFixed())} · risk fixes {formatUsd(riskCost.toFixed(), { signed: true })}</>}
        />
        <Kpi
          label="Calls that would move"
          value={formatCount(t.moved_calls)}
          testId="what-if-moved"
          hint={<>{t.saving_unknown_calls > 0 ? `${formatCount(t.saving_unknown_calls)} with an unpriced side (saving unknown)` : 'every moved call priced on both sides'}</>}
        />
      </div>

      <h3 className={h3}>Spend before and after, {oneTeam ? 'per model' : 'per team'}</h3>
      <WhatIfChart
        data={(oneTeam ? report.by_model.map((r) => ({ name: r.model, n: r })) : report.by_team.map((r) => ({ name: r.team, n: r }))).map(({ name, n }) => ({
          name,
          Before: new Decimal(n.spend_before).toNumber(),
          After: new Decimal(n.spend_after).toNumber(),
        }))}
        label={`Spend before and after the what-if, ${oneTeam ? 'per model' : 'per team'}, ${window.from} – ${window.to}`}
      />

      {risks.length > 0 ? (
        <div className="mt-6 rounded-tremor-default border border-red-200 border-l-4 border-l-red-500 bg-red-50/40 p-4" data-testid="what-if-risk-block">
          <h3 className="flex items-center justify-between gap-3 text-tremor-default font-semibold text-red-800">
            Risk fixes — not a saving: {riskCost.gte(0) ? `they add ${formatUsd(riskCost.toFixed())}` : `they also cut ${formatUsd(riskCost.negated().toFixed())}`}
            <CsvLink href={csv('what-if-moves')} />
          </h3>
          <p className="mb-2 mt-1 text-tremor-label text-red-800">
            These moves fix a hazard the document names (e.g. critical business on DeepSeek-R1 → o1); they are worth doing whatever they cost.
          </p>
          <MovesTable moves={risks} risk />
        </div>
      ) : null}

      <h3 className={h3}>
        Moves that save <CsvLink href={csv('what-if-moves')} />
      </h3>
      {savings.length === 0 ? <p className="text-tremor-default text-tremor-content">No call would move for a saving.</p> : <MovesTable moves={savings} risk={false} />}

      <h3 className={h3}>
        Per team <CsvLink href={csv('what-if-teams')} />
      </h3>
      <BreakdownTable testId="what-if-teams" label="Per team table" keyHeads={['Team', 'Policy']}>
        {report.by_team.map((r) => (
          <tr key={r.team_id} data-team={r.team}>
            <td className={`${td} font-medium`}>{r.team}</td>
            <td className={`${td} text-tremor-label`}>{report.mode === 'policy' ? 'proposed' : r.policy_version === null ? 'none saved' : `v${r.policy_version}`}</td>
            <Cells n={r} />
          </tr>
        ))}
      </BreakdownTable>

      <h3 className={h3}>
        Per team and model <CsvLink href={csv('what-if-models')} />
      </h3>
      <BreakdownTable testId="what-if-models" label="Per team and model table" keyHeads={['Team', 'Model']}>
        {report.by_model.map((r) => (
          <tr key={`${r.team_id}-${r.model}`}>
            <td className={td}>{r.team}</td>
            <td className={`${td} font-mono text-tremor-label`}>{r.model}</td>
            <Cells n={r} />
          </tr>
        ))}
      </BreakdownTable>
    </div>
  )
}
