'use client'

import { useActionState } from 'react'
import { buttonClass, errorProps, Field, FormMessage, secondaryButtonClass } from './form-fields'
import { idleState, type FormState } from '@/components/ui/form-state'
import { RepricePlanTable, type RepricePlanJson } from './reprice-plan-table'
import { toUtcDay } from '@/lib/time/utc-days'
import { DateInput } from '@/components/ui/date-input'

export type RepriceState = FormState<Record<string, string>, { runId: number; plan: RepricePlanJson }>
type RepriceAction = (prev: RepriceState, formData: FormData) => Promise<RepriceState>

const initial: RepriceState = idleState()

type ModelOption = { id: number; slug: string; displayName: string }

// Dry run first, then apply exactly the window that was previewed (the apply form carries it).
export function RepricePlanner({
  planAction,
  applyAction,
  models,
  defaults,
}: {
  planAction: RepriceAction
  applyAction: RepriceAction
  models: ModelOption[]
  defaults: { from: string; to: string; modelId: string }
}) {
  const [plan, runPlan, planning] = useActionState(planAction, initial)
  const [applied, runApply, applying] = useActionState(applyAction, initial)
  const v = { ...defaults, ...plan.values }
  const e = plan.fieldErrors
  const previewed = plan.status === 'ok' && plan.plan ? plan : null
  return (
    <div className="space-y-4">
      <form action={runPlan} className="space-y-4 rounded-tremor-default border border-tremor-border-default bg-white p-4 shadow-tremor-card" noValidate aria-label="Re-price dry run">
        <div className="grid gap-4 sm:grid-cols-3">
          <Field id="from" label="From" error={e.from}>
            <DateInput {...errorProps('from', e.from)} defaultValue={v.from} />
          </Field>
          <Field id="to" label="To (inclusive)" error={e.to}>
            <DateInput {...errorProps('to', e.to)} defaultValue={v.to} />
          </Field>
          <Field id="modelId" label="Model" error={e.modelId}>
            <select {...errorProps('modelId', e.modelId)} defaultValue={v.modelId}>
              <option value="">All models</option>
              {models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.displayName} ({m.slug})
                </option>
              ))}
            </select>
          </Field>
        </div>
        <FormMessage status={plan.status} message={plan.message} testId="reprice-error" />
        <button type="submit" disabled={planning} className={secondaryButtonClass}>
          {planning ? 'Computing…' : 'Dry run'}
        </button>
      </form>

      {previewed?.plan ? (
        <section aria-label="Dry run result" className="space-y-3">
          <h2 className="text-tremor-title font-semibold text-tremor-content-strong">
            Dry run #{previewed.runId}: {previewed.plan.from.slice(0, 10)} … {toUtcDay(new Date(Date.parse(previewed.plan.to) - 1))}
            {previewed.plan.modelId ? ` · ${models.find((m) => m.id === previewed.plan?.modelId)?.displayName ?? 'one model'}` : ' · all models'}
          </h2>
          <RepricePlanTable plan={previewed.plan} />
          <div className="flex flex-wrap items-center gap-3">
            <a href={`/models/reprice/export?run=${previewed.runId}`} download className="text-tremor-default font-medium text-tremor-brand-default hover:underline">
              Download this dry run (CSV)
            </a>
          </div>
          {previewed.plan.changed > 0 ? (
            <form action={runApply} className="flex flex-wrap items-center gap-3">
              <input type="hidden" name="from" value={previewed.values.from ?? ''} />
              <input type="hidden" name="to" value={previewed.values.to ?? ''} />
              <input type="hidden" name="modelId" value={previewed.values.modelId ?? ''} />
              <button type="submit" disabled={applying} className={buttonClass}>
                {applying ? 'Starting…' : `Apply: re-price ${previewed.plan.changed.toLocaleString('en-US')} events`}
              </button>
              <span className="text-tremor-label text-tremor-content">Runs on the worker in chunks; each chunk moves its events and their rollups together.</span>
            </form>
          ) : (
            <p className="text-tremor-default text-tremor-content">Nothing would change: every event already carries the price in force at its time.</p>
          )}
          <FormMessage status={applied.status} message={applied.message} testId="reprice-apply-error" />
        </section>
      ) : null}
    </div>
  )
}
