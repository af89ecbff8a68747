import Link from 'next/link'
import type { CatalogModel, CatalogPrice } from '@/lib/catalog/list-catalog'
import { Badge, PriceSourceBadges } from './badge'
import { deploymentLabels, orderedRatings, routeLabels } from './catalog-labels'
import { RatingList } from './rating-list'
import { formatPerMillion } from '@/components/ui/format'
import { toUtcDay } from '@/lib/time/utc-days'
import { th } from '@/components/ui/styles'

const td = 'px-3 py-3 align-top text-tremor-default'

// A bucket without its own price is billed at input (cache) or output (reasoning); say so instead of
// repeating the number, so a real cache discount stands out.
function Fallback({ price, to }: { price: string; to: 'input' | 'output' }) {
  return (
    <span className="whitespace-nowrap font-sans text-tremor-label text-tremor-content-subtle" title={`No price of its own: billed at the ${to} price (${price})`}>
      = {to}
    </span>
  )
}

function PriceCells({ price }: { price: CatalogPrice }) {
  return (
    <>
      <td className={`${td} text-right font-mono tabular-nums text-tremor-content-strong`} data-cell="input">
        {formatPerMillion(price.input)}
      </td>
      <td className={`${td} text-right font-mono tabular-nums text-tremor-content-strong`} data-cell="output">
        {formatPerMillion(price.output)}
      </td>
      <td className={`${td} text-right font-mono tabular-nums`}>
        <div>{price.fallback.cacheRead ? <Fallback price={formatPerMillion(price.cacheRead)} to="input" /> : formatPerMillion(price.cacheRead)}</div>
        <div className="text-tremor-content">
          {price.fallback.cacheWrite ? <Fallback price={formatPerMillion(price.cacheWrite)} to="input" /> : formatPerMillion(price.cacheWrite)}
        </div>
      </td>
      <td className={`${td} text-right font-mono tabular-nums`}>
        {price.fallback.reasoning ? <Fallback price={formatPerMillion(price.reasoning)} to="output" /> : formatPerMillion(price.reasoning)}
      </td>
      <td className={td}>
        <PriceSourceBadges source={price.source} derived={price.derived} />
        <p className="mt-1 whitespace-nowrap text-tremor-label text-tremor-content" title={price.note ?? undefined}>
          since {toUtcDay(price.effectiveFrom)}
        </p>
      </td>
    </>
  )
}

export function ModelsTable({ models, canWrite = false }: { models: CatalogModel[]; canWrite?: boolean }) {
  return (
    <div className="overflow-x-auto rounded-tremor-default border border-tremor-border-default bg-white shadow-tremor-card">
      <table className="min-w-full divide-y divide-tremor-border-default">
        <thead className="bg-tremor-background-muted">
          <tr>
            <th scope="col" className={`${th} min-w-40`}>Model</th>
            <th scope="col" className={th}>Route</th>
            <th scope="col" className={th}>Ratings (Part 3)</th>
            <th scope="col" className={`${th} text-right`}>Input</th>
            <th scope="col" className={`${th} text-right`}>Output</th>
            <th scope="col" className={`${th} text-right`}>Cache read / write</th>
            <th scope="col" className={`${th} text-right`}>Reasoning</th>
            <th scope="col" className={th}>Source</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-tremor-border-default">
          {models.map((m) => {
            const ratings = orderedRatings(m.ratings)
            return (
              <tr key={m.id} data-model={m.slug} data-priced={m.price ? 'true' : 'false'} className={m.price ? undefined : 'bg-amber-50/40'}>
                <td className={td}>
                  <Link href={`/models/${encodeURIComponent(m.slug)}`} className="font-medium text-tremor-content-strong hover:text-tremor-brand-default hover:underline">
                    {m.displayName}
                  </Link>
                  <p className="font-mono text-tremor-label text-tremor-content" title={m.aliases.length ? `Also matches: ${m.aliases.join(', ')}` : undefined}>
                    {m.slug}
                    {m.aliases.length ? <span className="font-sans"> · +{m.aliases.length} alias{m.aliases.length === 1 ? '' : 'es'}</span> : null}
                  </p>
                  <p className="text-tremor-label text-tremor-content">
                    {m.family}
                    {m.parameters ? ` · ${m.parameters}` : ''}
                  </p>
                </td>
                <td className={td}>
                  <div className="flex flex-col items-start gap-1">
                    <Badge tone="blue">{routeLabels[m.route]}</Badge>
                    <span className="text-tremor-label text-tremor-content">{deploymentLabels[m.deployment]}</span>
                  </div>
                </td>
                <td className={td}>
                  {ratings.length === 0 ? (
                    <span className="text-tremor-content-subtle" title="Not rated in the Part 3 matrix">—</span>
                  ) : (
                    <RatingList ratings={ratings} className="grid grid-cols-[auto_auto] gap-x-2 gap-y-0.5 text-tremor-label" labelClassName="whitespace-nowrap text-tremor-content" />
                  )}
                </td>
                {m.price ? (
                  <PriceCells price={m.price} />
                ) : (
                  <td colSpan={5} className={td}>
                    <Badge tone="red">Unpriced</Badge>
                    <p className="mt-1 text-tremor-label text-tremor-content">No price version in force: its usage is stored with cost unknown, never as free.</p>
                    <Link href={`/models/${encodeURIComponent(m.slug)}#add-price`} className="mt-1 inline-block text-tremor-label font-medium text-tremor-brand-default hover:underline">
                      Price history{canWrite ? ' · add a price' : ''}
                    </Link>
                  </td>
                )}
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
