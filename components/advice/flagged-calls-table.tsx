import Link from 'next/link'
import type { AdvisedCall } from '@/lib/advisor/list-advised-calls'
import type { AdvisedCallsPage } from '@/lib/advisor/page-advised-calls'
import { Decimal } from '@/lib/pricing/decimal'
import { exact, formatCount, formatUsdFine } from '@/components/ui/format'
import { Time } from '@/components/ui/time'
import { CitedSection, DocQuote } from '@/components/decision-tree/doc-text'
import { isRisk, ruleInfo, ruleTitle } from './rule-info'
import { SeverityBadge, td, th, thRight } from './ui'
import { ScrollRegion } from '@/components/ui/scroll-region'

// The flagged-calls table of the Advice page and of a team page: one page of 25 read on the server,
// the total beside it, and links to the other pages that keep the rest of the URL.

function Saving({ call }: { call: AdvisedCall }) {
  if (call.estimatedSaving === null) return <span className="text-tremor-content">saving unknown</span>
  const d = new Decimal(call.estimatedSaving)
  if (d.isNegative() && !d.isZero())
    return (
      <span className="text-red-700" title={isRisk(call.severity) ? 'a risk fix: it costs more, it is not a saving' : 'the suggestion costs more'}>
        {formatUsdFine(d.negated(), { signed: true })} cost
      </span>
    )
  return <span className={isRisk(call.severity) ? undefined : 'text-emerald-700'}>{formatUsdFine(d)}</span>
}

/** ModelLedger's cost, and the sender's own (LiteLLM's response_cost) where it reported one and disagrees. */
function Cost({ call }: { call: AdvisedCall }) {
  const ours = call.cost === null ? null : new Decimal(call.cost)
  const theirs = call.reportedCost === null ? null : new Decimal(call.reportedCost)
  const disagree = theirs !== null && (ours === null || !ours.equals(theirs))
  return (
    <>
      <span className="block">{ours === null ? <span className="text-tremor-content">unpriced</span> : formatUsdFine(ours)}</span>
      {disagree ? (
        <span className="block text-tremor-label text-amber-700" data-cell="reported-cost" title="the cost LiteLLM computed: one of the two price tables is stale">
          LiteLLM: {formatUsdFine(theirs)}
        </span>
      ) : null}
    </>
  )
}

function Pager({ page, hrefForPage }: { page: AdvisedCallsPage; hrefForPage: (n: number) => string }) {
  const first = (page.page - 1) * page.pageSize + 1
  const last = first + page.calls.length - 1
  const link = 'rounded-tremor-default border border-tremor-border-default bg-white px-3 py-1 font-medium text-tremor-content-strong hover:bg-tremor-background-subtle'
  return (
    <nav aria-label="Flagged calls pages" className="mt-3 flex flex-wrap items-center justify-between gap-2 text-tremor-default text-tremor-content-emphasis" data-testid="flagged-pager">
      <p data-testid="flagged-total">
        {page.calls.length === 0 ? 'None' : `${formatCount(first)}–${formatCount(last)}`} of {formatCount(page.total)} flagged call{page.total === 1 ? '' : 's'} · page {page.page} of {page.pages}
      </p>
      <div className="flex gap-2">
        {page.page > 1 ? (
          <Link href={hrefForPage(page.page - 1)} className={link} rel="prev" scroll={false}>
            ← Newer
          </Link>
        ) : null}
        {page.page < page.pages ? (
          <Link href={hrefForPage(page.page + 1)} className={link} rel="next" scroll={false}>
            Older →
          </Link>
        ) : null}
      </div>
    </nav>
  )
}

export function FlaggedCallsTable({ page, hrefForPage, showTeam = true }: { page: AdvisedCallsPage; hrefForPage: (n: number) => string; showTeam?: boolean }) {
  return (
    <>
      <ScrollRegion label="Flagged calls table">
        <table className="min-w-full divide-y divide-tremor-border-default" data-testid="flagged-calls">
          <caption className="sr-only">Flagged calls, newest first, page {page.page} of {page.pages}</caption>
          <thead>
            <tr>
              <th scope="col" className={th}>Time</th>
              {showTeam ? <th scope="col" className={th}>Team</th> : null}
              <th scope="col" className={th}>Model · task · data</th>
              <th scope="col" className={`${th} min-w-64`}>Advice · why · source</th>
              <th scope="col" className={th}>Suggested</th>
              <th scope="col" className={thRight}>Cost</th>
              <th scope="col" className={thRight}>Est. saving</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-tremor-border-default">
            {page.calls.map((c) => {
              const def = ruleInfo(c.rule)
              return (
                <tr key={c.id} data-testid="flagged-row" data-event={c.eventId} data-severity={c.severity ?? ''} className={isRisk(c.severity) ? 'bg-red-50/50' : undefined}>
                  <td className={`${td} whitespace-nowrap text-tremor-label text-tremor-content`}><Time value={c.ts} /></td>
                  {showTeam ? <td className={`${td} whitespace-nowrap`}>{c.team}</td> : null}
                  <td className={td}>
                    <span className="block font-mono text-tremor-label text-tremor-content-strong">{c.model}</span>
                    <span className="block whitespace-nowrap text-tremor-label text-tremor-content">
                      {c.task ?? 'no task'} · {c.dataClass ?? 'unclassified'}
                    </span>
                  </td>
                  <td className={`${td} text-tremor-label`} data-cell="citation">
                    <span className="block text-tremor-default text-tremor-content-strong">{ruleTitle(c.rule)}</span>
                    <span className="mt-0.5 flex flex-wrap items-center gap-1.5">
                      <SeverityBadge severity={c.severity} />
                      <span className="font-mono text-tremor-content">{c.rule}</span>
                      {isRisk(c.severity) ? <span className="font-medium text-red-700">Risk fix — not a saving.</span> : null}
                    </span>
                    {def?.quote ? <DocQuote text={def.quote} className="mt-0.5 block text-tremor-content-emphasis" /> : null}
                    {def ? <CitedSection citation={def.citation} className="block text-tremor-content" /> : <span className="block text-tremor-content">Rule not in this version&apos;s definitions.</span>}
                  </td>
                  <td className={`${td} font-mono text-tremor-label`}>{c.suggestedModel ?? '—'}</td>
                  <td className={`${td} whitespace-nowrap text-right tabular-nums`} data-cell="cost">
                    <Cost call={c} />
                  </td>
                  <td className={`${td} whitespace-nowrap text-right tabular-nums`} data-cell="saving" data-exact={c.estimatedSaving === null ? undefined : exact(c.estimatedSaving)}>
                    <Saving call={c} />
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </ScrollRegion>
      <Pager page={page} hrefForPage={hrefForPage} />
    </>
  )
}
