import { ModelPicker, type ModelOption } from '@/components/teams/model-picker'
import { dataClasses, taskTypes } from '@/lib/ingest/usage-event-schema'
import { whatIfDays, whatIfParamNames, type SearchParams, type WhatIfParams } from '@/lib/advisor/advice-params'
import type { TeamRef } from '@/lib/advisor/advice-page-data'
import { HiddenParams } from './hidden-params'
import { inputClass, primaryButtonClass } from './ui'

const label = 'block text-tremor-label font-medium text-tremor-content-emphasis'
const radio = 'flex items-center gap-1.5 text-tremor-default text-tremor-content-emphasis'

// A GET form: a run is a URL (shareable, works without JavaScript). The proposed policy is validated on
// the server with the same zod schema the policy editor uses; problems come back next to the form.
export function WhatIfForm({
  sp,
  wi,
  allTeams,
  teams,
  models,
  loadPolicyHref,
  targetError,
}: {
  sp: SearchParams
  wi: WhatIfParams
  allTeams: boolean
  teams: readonly TeamRef[]
  models: readonly ModelOption[]
  /** A link that fills the form with the chosen team's saved policy. */
  loadPolicyHref: string | null
  /** Why the chosen target model was refused, shown beside its field. */
  targetError?: string
}) {
  const pickerOptions = [...models]
  const modelOptions = models.map((m) => (
    <option key={m.slug} value={m.slug}>
      {m.displayName === m.slug ? m.slug : `${m.displayName} (${m.slug})`}
    </option>
  ))
  return (
    <form method="get" action="/advice#what-if" className="space-y-4" data-testid="what-if-form">
      <HiddenParams sp={sp} keep={(k) => !whatIfParamNames(k)} />
      <input type="hidden" name="wi" value="1" />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-4">
        <label className="block">
          <span className={label}>Team</span>
          {allTeams ? (
            <select name="wi_team" defaultValue={wi.team ?? 'all'} className={`${inputClass} mt-1`}>
              <option value="all">All teams</option>
              {teams.map((t) => (
                <option key={t.id} value={t.slug}>
                  {t.slug}
                </option>
              ))}
            </select>
          ) : (
            <span className="mt-1 block rounded-tremor-default border border-tremor-border-default bg-tremor-background-muted px-2.5 py-1.5 text-tremor-default">{teams[0]?.slug ?? '—'}</span>
          )}
        </label>
        <fieldset>
          <legend className={label}>Replay the last</legend>
          <div className="mt-2 flex gap-4">
            {whatIfDays.map((d) => (
              <label key={d} className={radio}>
                <input type="radio" name="wi_days" value={d} defaultChecked={wi.days === d} /> {d} days
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend className={label}>What changes</legend>
          <div className="mt-2 flex flex-col gap-1">
            <label className={radio}>
              <input type="radio" name="wi_mode" value="advice" defaultChecked={wi.mode === 'advice'} /> Apply all advice
            </label>
            <label className={radio}>
              <input type="radio" name="wi_mode" value="policy" defaultChecked={wi.mode === 'policy'} /> A proposed policy (below)
            </label>
          </div>
        </fieldset>
        <label className="block">
          <span className={label}>Move the affected calls to</span>
          <select
            name="wi_target"
            defaultValue={wi.target ?? ''}
            className={`${targetError ? inputClass.replace('border-tremor-border-default', 'border-red-400') : inputClass} mt-1`}
            aria-invalid={targetError ? true : undefined}
            aria-describedby={targetError ? 'wi-target-error' : undefined}
          >
            <option value="">the model the policy or advice suggests</option>
            {modelOptions}
          </select>
          {targetError ? (
            <span id="wi-target-error" className="mt-1 block text-tremor-label text-red-600">
              {targetError}
            </span>
          ) : null}
        </label>
      </div>

      <fieldset className="rounded-tremor-default border border-tremor-border-default p-3">
        <legend className="px-1 text-tremor-default font-semibold text-tremor-content-strong">Proposed policy</legend>
        <p className="mb-3 text-tremor-label text-tremor-content">
          Used with “a proposed policy”: each team in view is replayed as if this were its policy.
          {loadPolicyHref ? (
            <>
              {' '}
              <a href={loadPolicyHref} className="font-medium text-tremor-brand-default hover:underline">
                Start from the team&apos;s saved policy
              </a>
            </>
          ) : null}
        </p>
        <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
          <ModelPicker name="wi_blocked" label="Blocked models" options={pickerOptions} defaultSelected={wi.blocked} />
          <ModelPicker name="wi_allowed" label="Allowed models" hint="None: every model that is not blocked." options={pickerOptions} defaultSelected={wi.allowed} />
          <fieldset>
            <legend className={label}>Data classes that must stay local</legend>
            <div className="mt-2 flex flex-col gap-1">
              {dataClasses.map((d) => (
                <label key={d} className={radio}>
                  <input type="checkbox" name="wi_local" value={d} defaultChecked={wi.local.includes(d)} /> {d}
                </label>
              ))}
            </div>
          </fieldset>
        </div>
        <details className="mt-3" open={Object.keys(wi.defaults).length > 0}>
          <summary className="cursor-pointer text-tremor-default font-medium text-tremor-content-emphasis">Default model per task</summary>
          <div className="mt-2 grid grid-cols-2 gap-3 md:grid-cols-4">
            {taskTypes.map((task) => (
              <label key={task} className="block">
                <span className={label}>{task}</span>
                <select name={`wi_default_${task}`} defaultValue={wi.defaults[task] ?? ''} className={`${inputClass} mt-1`}>
                  <option value="">—</option>
                  {modelOptions}
                </select>
              </label>
            ))}
          </div>
        </details>
      </fieldset>
      <button type="submit" className={primaryButtonClass}>
        Run what-if
      </button>
    </form>
  )
}
