import { buttonClass, inputClass } from '@/components/advice/ui'
import { formatCount } from '@/components/ui/format'
import { encodeSequence } from '@/lib/advisor/decision-path'
import type { MonthlyVolume } from '@/lib/advisor/estimate-monthly-cost'
import type { TreeState } from './tree-params'

// A plain GET form: the volume lands in the URL with the walk, so it works without JavaScript and the
// estimate can be shared.
export function VolumeForm({ state, volume }: { state: TreeState; volume: MonthlyVolume }) {
  const field = (name: 'req' | 'in' | 'out', label: string, hint: string) => (
    <label className="block min-w-0">
      <span className="block text-tremor-label font-medium text-tremor-content-emphasis">{label}</span>
      <input name={name} defaultValue={state.volumeInput[name]} inputMode="numeric" pattern="[0-9]*" required className={`${inputClass} mt-1 tabular-nums`} aria-describedby={`volume-${name}-hint`} />
      <span id={`volume-${name}-hint`} className="mt-0.5 block text-tremor-label text-tremor-content">
        {hint}
      </span>
    </label>
  )
  return (
    <form method="get" action="/decision-tree" className="rounded-tremor-default border border-tremor-border-default bg-tremor-background-muted p-3" data-testid="volume-form">
      {state.tab === 'questionnaire' ? <input type="hidden" name="tab" value="questionnaire" /> : null}
      {state.sequence.length > 0 ? <input type="hidden" name="a" value={encodeSequence(state.sequence)} /> : null}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-start">
        {field('req', 'Requests per month', 'e.g. 100000')}
        {field('in', 'Input tokens / request', 'prompt, uncached')}
        {field('out', 'Output tokens / request', 'answer, no reasoning')}
        <button type="submit" className={`${buttonClass} sm:mt-5`}>
          Estimate
        </button>
      </div>
      {state.volumeErrors.length > 0 ? (
        <ul role="alert" className="mt-2 list-disc pl-5 text-tremor-label text-red-700" data-testid="volume-errors">
          {state.volumeErrors.map((e) => (
            <li key={e}>{e}</li>
          ))}
          <li>Showing the default volume instead.</li>
        </ul>
      ) : null}
      <p className="mt-2 text-tremor-label text-tremor-content" data-testid="volume-summary">
        Estimates below: {formatCount(volume.requests)} requests × ({formatCount(volume.inputTokens)} input + {formatCount(volume.outputTokens)} output tokens) at
        the price version in force now, exact to the last digit before rounding for display.
      </p>
    </form>
  )
}
