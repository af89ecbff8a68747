import Link from 'next/link'
import { routeLabels, routeOrder } from '@/components/models/catalog-labels'
import { timeGrains, type TimeGrain } from '@/lib/reports/time-grain'
import { DateInput } from '@/components/ui/date-input'
import { DatePresetLinks, type PresetLink } from './date-preset-links'

const field = 'flex min-w-0 flex-col gap-1 text-tremor-label font-medium text-tremor-content'
const input =
  'h-9 w-full rounded-tremor-default border border-tremor-border-default bg-white px-2 text-tremor-default text-tremor-content-strong shadow-tremor-input focus:border-tremor-brand-subtle focus:outline-none focus:ring-2 focus:ring-tremor-brand-muted'

/** A plain GET form: the filters live in the URL, so a view can be shared and works without JavaScript. */
export function SpendFilters({
  from,
  to,
  team,
  model,
  route,
  teams,
  models,
  error,
  presets = [],
  group = 'day',
}: {
  from: string
  to: string
  team: string | null
  model: string | null
  route: string | null
  /** null: the team filter is not offered (a team-scoped role sees its own team only). */
  teams: { slug: string; name: string }[] | null
  models: string[]
  /** Why these filters cannot be shown: said beside the dates, the form kept as typed. */
  error?: string
  presets?: readonly PresetLink[]
  group?: TimeGrain
}) {
  return (
    <div className="@container mb-6">
      {presets.length > 0 ? <DatePresetLinks presets={presets} /> : null}
      <form method="get" action="/spend" aria-label="Spend filters" className="grid grid-cols-2 items-end gap-3 rounded-tremor-default border border-tremor-border-default bg-white p-4 shadow-tremor-card @xl:grid-cols-3 @4xl:flex @4xl:flex-wrap">
        <label className={field}>
          From
          <DateInput name="from" defaultValue={from} required className={input} aria-invalid={error ? true : undefined} aria-describedby={error ? 'spend-filter-error' : undefined} />
        </label>
        <label className={field}>
          To
          <DateInput name="to" defaultValue={to} required className={input} aria-invalid={error ? true : undefined} aria-describedby={error ? 'spend-filter-error' : undefined} />
        </label>
        {teams ? (
          <label className={`${field} @4xl:w-44`}>
            Team
            <select name="team" defaultValue={team ?? ''} className={input} data-testid="team-filter">
              <option value="">All teams</option>
              {teams.map((t) => (
                <option key={t.slug} value={t.slug}>
                  {t.name} ({t.slug})
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className={`${field} @4xl:w-48`}>
          Model
          <select name="model" defaultValue={model ?? ''} className={input}>
            <option value="">All models</option>
            {model && !models.includes(model) ? <option value={model}>{model}</option> : null}
            {models.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <label className={`${field} @4xl:w-40`}>
          Route
          <select name="route" defaultValue={route ?? ''} className={input}>
            <option value="">All routes</option>
            {routeOrder.map((r) => (
              <option key={r} value={r}>
                {routeLabels[r]}
              </option>
            ))}
          </select>
        </label>
        <label className={`${field} @4xl:w-32`}>
          Group by
          <select name="group" defaultValue={group} className={input}>
            {timeGrains.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
        <div className="col-span-2 flex gap-2 @xl:col-span-1">
          <button type="submit" className="h-9 rounded-tremor-default bg-tremor-brand-default px-4 text-tremor-default font-medium text-white shadow-tremor-input hover:bg-tremor-brand-emphasis">
            Apply
          </button>
          <Link href="/spend" className="inline-flex h-9 items-center rounded-tremor-default border border-tremor-border-default px-3 text-tremor-default text-tremor-content-emphasis hover:bg-tremor-background-subtle">
            Reset
          </Link>
        </div>
        {error ? (
          <p id="spend-filter-error" role="alert" data-testid="filter-error" className="col-span-full basis-full rounded-tremor-default border border-red-200 bg-red-50 px-3 py-2 text-tremor-default text-red-800">
            {error}. Change the filters and apply again.
          </p>
        ) : null}
      </form>
    </div>
  )
}
