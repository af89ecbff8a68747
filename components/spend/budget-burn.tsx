import Link from 'next/link'
import { ProgressBar } from '@/components/ui/tremor'
import type { BudgetStatus } from '@/lib/budgets/get-budget-status'
import { Decimal } from '@/lib/pricing/decimal'
import { formatPercent, formatUsd } from '@/components/ui/format'

export function budgetColor(percent: number | null): 'red' | 'amber' | 'blue' {
  if (percent === null) return 'blue'
  if (percent > 100) return 'red'
  return percent >= 80 ? 'amber' : 'blue'
}

export function BudgetLine({ status, name, href }: { status: BudgetStatus; name: string; href?: string }) {
  const over = status.percent !== null && status.percent > 100
  return (
    <li className="py-2" data-testid={`budget-${status.teamSlug}`} data-over={over ? 'true' : 'false'}>
      <div className="mb-1 flex flex-wrap items-baseline justify-between gap-x-3 text-tremor-default">
        {href ? (
          <Link href={href} className="font-medium text-tremor-content-strong hover:underline">
            {name}
          </Link>
        ) : (
          <span className="font-medium text-tremor-content-strong">{name}</span>
        )}
        <span className="tabular-nums text-tremor-content">
          {formatUsd(status.spent)}
          {status.budget !== null ? (
            <>
              {' '}
              of {formatUsd(status.budget)} ·{' '}
              <span className={over ? 'font-semibold text-red-600' : 'text-tremor-content-emphasis'}>{formatPercent(status.percent)}</span>
            </>
          ) : (
            ' · no budget set'
          )}
        </span>
      </div>
      {status.budget !== null ? (
        <ProgressBar
          value={Math.min(100, status.percent ?? 0)}
          color={budgetColor(status.percent)}
          showAnimation={false}
          tooltip={`${formatPercent(status.percent)} of the monthly budget; forecast ${formatUsd(status.forecast)}`}
        />
      ) : null}
    </li>
  )
}

/** Teams with a budget first, most burnt first; the rest (no budget) after, by spend. */
export function sortForBurn(statuses: BudgetStatus[]): BudgetStatus[] {
  return [...statuses].sort((a, b) => {
    if ((a.budget === null) !== (b.budget === null)) return a.budget === null ? 1 : -1
    if (a.percent !== null && b.percent !== null && a.percent !== b.percent) return b.percent - a.percent
    return new Decimal(b.spent).comparedTo(a.spent) || a.teamSlug.localeCompare(b.teamSlug)
  })
}
