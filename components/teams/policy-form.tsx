'use client'

import { startTransition, useActionState, useRef } from 'react'
import { dataClasses, taskTypes } from '@/lib/ingest/usage-event-schema'
import { useFocusFirstError } from '@/components/ui/focus-first-error'
import { capPer1MFromPer1k, priceCapHint } from '@/lib/policy/price-cap'
import type { TeamPolicyView } from '@/lib/policy/team-policy-view'
import { ModelPicker, type ModelOption } from './model-picker'
import { initialPolicyFormState, type PolicyFormState, type PolicyFormValues } from './policy-form-data'
import { PolicyImpact } from './policy-impact'
import { initialPolicyPreviewState, type PolicyPreviewState } from './policy-preview-state'

const input =
  'h-9 w-full rounded-tremor-default border bg-white px-2 text-tremor-default text-tremor-content-strong shadow-tremor-input focus:outline-none focus:ring-2 focus:ring-tremor-brand-muted'
const labelCls = 'flex min-w-0 flex-col gap-1 text-tremor-default font-medium text-tremor-content-strong'

function fromSaved(p: TeamPolicyView | null): PolicyFormValues {
  return {
    allowedModels: p?.allowedModels ?? [],
    blockedModels: p?.blockedModels ?? [],
    localDataClasses: p?.localDataClasses ?? [],
    defaultModels: { ...(p?.defaultModels ?? {}) } as Record<string, string>,
    maxPricePer1M: p?.maxPricePer1k ? capPer1MFromPer1k(p.maxPricePer1k) : '',
    monthlyBudget: p?.monthlyBudget ?? '',
    alertThresholds: p?.alertThresholds ?? [50, 80, 100],
    webhookUrl: p?.webhookUrl ?? '',
    critical: p?.critical ?? false,
  }
}

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="text-tremor-label font-normal text-red-600" data-testid={id}>
      {message}
    </p>
  ) : null
}

export function PolicyForm({
  team,
  saved,
  models,
  action,
  preview,
}: {
  team: string
  saved: TeamPolicyView | null
  models: ModelOption[]
  action: (prev: PolicyFormState, formData: FormData) => Promise<PolicyFormState>
  /** Runs the what-if on the draft: the impact is shown before anything is saved. */
  preview: (prev: PolicyPreviewState, formData: FormData) => Promise<PolicyPreviewState>
}) {
  const [state, formAction, pending] = useActionState(action, initialPolicyFormState)
  const [impact, previewAction, previewing] = useActionState(preview, initialPolicyPreviewState)
  const formRef = useRef<HTMLFormElement>(null)
  // Dispatched directly, not as a form action: a form action resets the form afterwards, and a preview
  // must leave the draft exactly as typed.
  const runPreview = () => {
    const form = formRef.current
    if (form) startTransition(() => previewAction(new FormData(form)))
  }
  // A refused submission shows what was sent; otherwise the saved policy (revalidated after a save).
  const v = state.status === 'error' && 'allowedModels' in state.values ? (state.values as PolicyFormValues) : fromSaved(saved)
  // The last answer's field errors: a refused preview highlights the same fields a refused save would.
  const e = impact.status === 'error' && state.status !== 'error' ? impact.fieldErrors : state.fieldErrors
  const border = (field: string) => (e[field] ? 'border-red-400' : 'border-tremor-border-default')
  const describedBy = (field: string) => (e[field] ? `err-${field}` : undefined)
  const invalid = (field: string) => (e[field] ? true : undefined)
  // Text fields come back exactly as typed (not trimmed, not re-parsed) after a refusal.
  const typed = state.status === 'error' ? state.values.typed : undefined
  useFocusFirstError(formRef, state)

  return (
    // Remounted per submission so the inputs show what the server answered with (the saved policy, or the refused input).
    <form ref={formRef} key={state.seq} action={formAction} className="@container space-y-6" data-testid="policy-form" noValidate>
      <input type="hidden" name="team" value={team} />

      <div className="grid grid-cols-1 gap-6 @lg:grid-cols-2">
        <ModelPicker
          name="allowedModels"
          label="Allowed models"
          hint="Empty: every model that is not blocked is allowed."
          options={models}
          defaultSelected={v.allowedModels}
          error={e.allowedModels}
        />
        <ModelPicker name="blockedModels" label="Blocked models" hint="Calls to these are flagged." options={models} defaultSelected={v.blockedModels} error={e.blockedModels} />
      </div>

      <fieldset aria-describedby={describedBy('localDataClasses')}>
        <legend className="text-tremor-default font-medium text-tremor-content-strong">Data classes that must stay local</legend>
        <p className="text-tremor-label text-tremor-content">Calls with these data classes are flagged unless they use a local deployment.</p>
        <div className="mt-2 flex flex-wrap gap-4">
          {dataClasses.map((c) => (
            <label key={c} className="flex items-center gap-2 text-tremor-default">
              <input type="checkbox" name="localDataClasses" value={c} defaultChecked={v.localDataClasses.includes(c)} />
              {c}
            </label>
          ))}
        </div>
        <FieldError id="err-localDataClasses" message={e.localDataClasses} />
      </fieldset>

      <fieldset>
        <legend className="text-tremor-default font-medium text-tremor-content-strong">Default model per task type</legend>
        <p className="text-tremor-label text-tremor-content">Calls of a task that use another model get an advice to use the default.</p>
        <div className="mt-2 grid grid-cols-1 gap-3 @md:grid-cols-2 @2xl:grid-cols-3">
          {taskTypes.map((task) => {
            const key = `defaultModels.${task}`
            return (
              <label key={task} className={labelCls}>
                <span className="text-tremor-label font-medium text-tremor-content">{task}</span>
                <select name={`default.${task}`} defaultValue={v.defaultModels[task] ?? ''} className={`${input} ${border(key)}`} aria-describedby={describedBy(key)}>
                  <option value="">No default</option>
                  {models.map((m) => (
                    <option key={m.slug} value={m.slug}>
                      {m.slug}
                    </option>
                  ))}
                </select>
                <FieldError id={`err-${key}`} message={e[key]} />
              </label>
            )
          })}
        </div>
        <FieldError id="err-defaultModels" message={e.defaultModels} />
      </fieldset>

      <div className="grid grid-cols-1 gap-4 @lg:grid-cols-3">
        <label className={labelCls}>
          Monthly budget (USD)
          <input name="monthlyBudget" inputMode="decimal" defaultValue={typed?.monthlyBudget ?? v.monthlyBudget} placeholder="none" className={`${input} ${border('monthlyBudget')}`} aria-invalid={invalid('monthlyBudget')} aria-describedby={describedBy('monthlyBudget')} />
          <FieldError id="err-monthlyBudget" message={e.monthlyBudget} />
        </label>
        <label className={labelCls}>
          Max $ per 1M input tokens
          <input
            name="maxPricePer1M"
            inputMode="decimal"
            defaultValue={typed?.maxPricePer1M ?? v.maxPricePer1M}
            placeholder="no cap"
            className={`${input} ${border('maxPricePer1M')}`}
            aria-invalid={invalid('maxPricePer1M')}
            aria-describedby={[describedBy('maxPricePer1M'), 'hint-maxPricePer1M'].filter(Boolean).join(' ')}
          />
          <span id="hint-maxPricePer1M" className="text-tremor-label font-normal text-tremor-content">
            {priceCapHint}
          </span>
          <FieldError id="err-maxPricePer1M" message={e.maxPricePer1M} />
        </label>
        <label className={labelCls}>
          Alert thresholds (% of budget)
          <input
            name="alertThresholds"
            defaultValue={typed?.alertThresholds ?? v.alertThresholds.join(', ')}
            placeholder="50, 80, 100"
            className={`${input} ${border('alertThresholds')}`}
            aria-invalid={invalid('alertThresholds')}
            aria-describedby={describedBy('alertThresholds')}
          />
          <FieldError id="err-alertThresholds" message={e.alertThresholds} />
        </label>
      </div>

      <div className="grid grid-cols-1 items-end gap-4 @md:grid-cols-[1fr_auto]">
        <label className={labelCls}>
          Alert webhook URL
          <input name="webhookUrl" type="url" defaultValue={typed?.webhookUrl ?? v.webhookUrl} placeholder="https://…" className={`${input} ${border('webhookUrl')}`} aria-invalid={invalid('webhookUrl')} aria-describedby={describedBy('webhookUrl')} />
          <FieldError id="err-webhookUrl" message={e.webhookUrl} />
        </label>
        <label className="flex h-9 items-center gap-2 text-tremor-default font-medium text-tremor-content-strong">
          <input type="checkbox" name="critical" defaultChecked={v.critical} />
          Critical business
        </label>
      </div>

      <div className="flex flex-wrap items-center gap-3 border-t border-tremor-border-default pt-4">
        <button
          type="submit"
          disabled={pending}
          className="h-9 rounded-tremor-default bg-tremor-brand-default px-4 text-tremor-default font-medium text-white shadow-tremor-input hover:bg-tremor-brand-emphasis disabled:opacity-60"
        >
          {pending ? 'Saving…' : 'Save policy'}
        </button>
        <label className="flex items-center gap-2 text-tremor-default text-tremor-content-strong">
          Preview moving affected calls to
          <select
            name="whatIfTarget"
            defaultValue=""
            className={`${input} w-auto ${border('whatIfTarget')}`}
            aria-invalid={invalid('whatIfTarget')}
            aria-describedby={describedBy('whatIfTarget')}
          >
            <option value="">the models the policy suggests</option>
            {models.map((m) => (
              <option key={m.slug} value={m.slug}>
                {m.slug}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          onClick={runPreview}
          disabled={previewing}
          className="h-9 rounded-tremor-default border border-tremor-border-default bg-white px-4 text-tremor-default font-medium text-tremor-content-strong shadow-tremor-input hover:bg-tremor-background-subtle disabled:opacity-60"
        >
          {previewing ? 'Replaying…' : 'Preview impact'}
        </button>
        <FieldError id="err-whatIfTarget" message={e.whatIfTarget} />
        {impact.status === 'error' && impact.message !== e.whatIfTarget ? (
          <p role="alert" data-testid="policy-preview-error" className="text-tremor-default text-red-700">
            {impact.message}
          </p>
        ) : null}
        {state.message ? (
          <p role={state.status === 'error' ? 'alert' : 'status'} data-testid="policy-message" className={`text-tremor-default ${state.status === 'error' ? 'text-red-600' : 'text-emerald-700'}`}>
            {state.message}
          </p>
        ) : null}
      </div>
      {impact.status === 'ok' && impact.impact && impact.team && impact.days ? <PolicyImpact impact={impact.impact} team={impact.team} days={impact.days} /> : null}
    </form>
  )
}
