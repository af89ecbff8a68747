import Link from 'next/link'
import type { PriceSourceSummary } from '@/lib/pricing/describe-price-source'

/**
 * Which prices the money figures on this page use. While they are all the source document's blended
 * prices (the first-run state), someone who may change prices is offered the switch to list prices.
 */
export function PriceSourceNote({ source, canSwitch }: { source: PriceSourceSummary; canSwitch: boolean }) {
  return (
    <p className="mb-4 text-tremor-default text-tremor-content" data-testid="price-source" data-kind={source.kind}>
      <span className="font-medium text-tremor-content-strong">Prices:</span> {source.label}
      {source.kind === 'document' ? ' — one blended price per model, as the document gives it; providers bill input and output differently.' : '.'}
      {canSwitch && source.kind !== 'list' ? (
        <>
          {' '}
          <Link href="/models/list-prices" className="font-medium text-tremor-brand-default underline">
            Switch to list prices
          </Link>
        </>
      ) : null}
    </p>
  )
}
