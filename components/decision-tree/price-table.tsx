import { deploymentLabels, routeLabels, sourceLabels } from '@/components/models/catalog-labels'
import { exact, formatPerMillion } from '@/components/ui/format'
import { td, tdNum, th, thRight } from '@/components/advice/ui'
import type { MonthlyVolume } from '@/lib/advisor/estimate-monthly-cost'
import { formatEstimate, monthlyEstimate, type PriceRow } from './model-rows'
import { toUtcDay } from '@/lib/time/utc-days'
import { ScrollRegion } from '@/components/ui/scroll-region'

function Unpriced({ inCatalog }: { inCatalog: boolean }) {
  return (
    <span className="rounded-tremor-small bg-amber-50 px-1.5 py-0.5 text-tremor-label font-medium text-amber-800 ring-1 ring-inset ring-amber-200">
      {inCatalog ? 'unpriced' : 'not in catalog'}
    </span>
  )
}

/** `compact` (the questionnaire cards) keeps model, prices and estimate and drops route and version columns. */
export function PriceTable({ rows, volume, caption, testId, compact = false }: { rows: readonly PriceRow[]; volume: MonthlyVolume; caption: string; testId?: string; compact?: boolean }) {
  return (
    <ScrollRegion label={`${caption} table`}>
      <table className="min-w-full divide-y divide-tremor-border-default" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className={th}>Model</th>
            {compact ? null : <th scope="col" className={`${th} hidden md:table-cell`}>Route · deployment</th>}
            <th scope="col" className={thRight}>Input / 1M</th>
            <th scope="col" className={thRight}>Output / 1M</th>
            {compact ? null : <th scope="col" className={`${th} hidden md:table-cell`}>Price in force</th>}
            <th scope="col" className={thRight}>Est. per month</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-tremor-border-default">
          {rows.map(({ model, recommended }) => {
            const estimate = monthlyEstimate(model, volume)
            return (
              <tr key={model.slug} data-model={model.slug} data-role={recommended ? 'recommended' : 'alternative'} className={recommended ? 'bg-emerald-50/60' : undefined}>
                <td className={td}>
                  <span className="block font-medium text-tremor-content-strong">{model.displayName}</span>
                  <a href={`/models/${encodeURIComponent(model.slug)}`} className="font-mono text-tremor-label text-tremor-content hover:underline">
                    {model.slug}
                  </a>
                  {recommended && !compact ? (
                    <span className="mt-0.5 block w-fit rounded-tremor-small bg-emerald-100 px-1.5 py-0.5 text-tremor-label font-medium text-emerald-800">recommended</span>
                  ) : null}
                </td>
                {compact ? null : (
                  <td className={`${td} hidden whitespace-nowrap text-tremor-label md:table-cell`}>
                    {model.route ? routeLabels[model.route] : '—'} · {model.deployment ? deploymentLabels[model.deployment] : '—'}
                  </td>
                )}
                <td className={tdNum} data-cell="input">
                  {model.price ? formatPerMillion(model.price.input) : <Unpriced inCatalog={model.inCatalog} />}
                </td>
                <td className={tdNum} data-cell="output">
                  {model.price ? formatPerMillion(model.price.output) : <Unpriced inCatalog={model.inCatalog} />}
                </td>
                {compact ? null : (
                  <td className={`${td} hidden whitespace-nowrap text-tremor-label text-tremor-content md:table-cell`}>
                    {model.price ? (
                      <>
                        since {toUtcDay(model.price.effectiveFrom)}
                        {model.priceSource ? ` · ${sourceLabels[model.priceSource]}` : ''}
                        {model.price.effectiveTo ? ` · until ${toUtcDay(model.price.effectiveTo)}` : ''}
                      </>
                    ) : (
                      'no version in force'
                    )}
                  </td>
                )}
                <td className={`${tdNum} font-semibold text-tremor-content-strong`} data-cell="monthly" data-exact={estimate ? exact(estimate) : undefined}>
                  {estimate ? formatEstimate(estimate) : <span className="font-normal text-tremor-content">unknown (unpriced)</span>}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </ScrollRegion>
  )
}
