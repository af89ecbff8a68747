import type { LiteLlmPriceChange } from '@/lib/pricing/import-litellm-prices'

const bucketLabels: Record<string, string> = { input: 'Input', output: 'Output', cacheRead: 'Cache read', cacheWrite: 'Cache write', reasoning: 'Reasoning' }
// null: the bucket falls back to the input (cache) or output (reasoning) price.
const rate = (v: string | null) => (v === null ? 'falls back' : `$${v}`)

/** The dry run of the switch: per model, each price per 1M tokens that changes, now → list price. */
export function ListPriceChanges({ changes, conflicts }: { changes: LiteLlmPriceChange[]; conflicts: number }) {
  if (changes.length === 0) {
    return <p className="rounded-tremor-default border border-tremor-border-default bg-white p-4 text-tremor-default text-tremor-content">Every catalog model already has the bundled list price from that day: nothing would change.</p>
  }
  return (
    <div className="overflow-x-auto rounded-tremor-default border border-tremor-border-default bg-white">
      <table className="w-full text-left text-tremor-default" data-testid="list-price-changes">
        <caption className="px-3 py-2 text-left text-tremor-content">
          Dry run: {changes.length} model{changes.length === 1 ? '' : 's'} would change (USD per 1M tokens){conflicts ? `; ${conflicts} left alone because LiteLLM prices them in conflicting ways` : ''}.
        </caption>
        <thead className="border-b border-tremor-border-default text-tremor-content-strong">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Model</th>
            <th scope="col" className="px-3 py-2 font-medium">LiteLLM key</th>
            <th scope="col" className="px-3 py-2 font-medium">Price</th>
            <th scope="col" className="px-3 py-2 font-medium">Now</th>
            <th scope="col" className="px-3 py-2 font-medium">List price</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-tremor-border-default">
          {changes.flatMap((c) =>
            c.buckets.map((b, i) => (
              <tr key={`${c.slug}-${b.bucket}`} data-model={c.slug} data-bucket={b.bucket}>
                <td className="px-3 py-1.5 font-medium text-tremor-content-strong">{i === 0 ? c.slug : ''}</td>
                <td className="px-3 py-1.5 font-mono text-tremor-label">{i === 0 ? c.key : ''}</td>
                <td className="px-3 py-1.5">{bucketLabels[b.bucket] ?? b.bucket}</td>
                <td className="px-3 py-1.5 tabular-nums">{rate(b.old)}</td>
                <td className="px-3 py-1.5 tabular-nums">{rate(b.new)}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  )
}
