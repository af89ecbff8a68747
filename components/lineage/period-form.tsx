import { DateInput } from '@/components/ui/date-input'

/** The period picker: a plain GET form, so a period is a shareable link; the error stays beside the fields with what was typed. */
export function PeriodForm({ from, to, error }: { from: string; to: string; error: string | null }) {
  const field = `mt-1 block rounded-tremor-default border px-2 py-1 text-tremor-default text-tremor-content-strong shadow-tremor-input ${error ? 'border-red-600' : 'border-tremor-border-default'}`
  return (
    <form method="get" className="mb-5 flex flex-wrap items-end gap-3" aria-describedby={error ? 'period-error' : undefined} data-testid="period-form">
      <label className="text-tremor-label font-medium text-tremor-content-emphasis">
        From
        <DateInput name="from" defaultValue={from} aria-invalid={error ? true : undefined} className={field} />
      </label>
      <label className="text-tremor-label font-medium text-tremor-content-emphasis">
        To
        <DateInput name="to" defaultValue={to} aria-invalid={error ? true : undefined} className={field} />
      </label>
      <button type="submit" className="rounded-tremor-default bg-blue-700 px-3 py-1.5 text-tremor-default font-medium text-white hover:bg-blue-800">
        Show
      </button>
      {error ? (
        <p id="period-error" role="alert" className="basis-full text-tremor-label text-red-700" data-testid="period-error">
          {error}
        </p>
      ) : null}
    </form>
  )
}
