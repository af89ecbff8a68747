'use client'

import Link from 'next/link'
import { useActionState, useRef } from 'react'
import { useFocusFirstError } from '@/components/ui/focus-first-error'
import { DateInput } from '@/components/ui/date-input'
import { idleState } from '@/components/ui/form-state'
import type { PriceFormAction, PriceFormState } from './price-form-schemas'
import { buttonClass, errorProps, Field, FormMessage } from './form-fields'

type ModelOption = { id: number; slug: string; displayName: string }

const initial: PriceFormState = idleState()

export function AddPriceForm({ action: submit, models, modelId, today }: { action: PriceFormAction; models: ModelOption[]; modelId: number; today: string }) {
  const [state, action, pending] = useActionState(submit, initial)
  const formRef = useRef<HTMLFormElement>(null)
  useFocusFirstError(formRef, state)
  const v = state.values
  const e = state.fieldErrors
  // After a save the form starts over empty for the next version (keyed remount), defaults restored.
  const formKey = state.status === 'ok' ? `saved-${state.versionId}` : 'editing'
  const otherModel = state.status === 'ok' && state.modelSlug && models.find((m) => m.id === modelId)?.slug !== state.modelSlug
  return (
    <form ref={formRef} key={formKey} action={action} className="space-y-4" noValidate aria-label="Add a price version">
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="modelId" label="Model" error={e.modelId}>
          <select {...errorProps('modelId', e.modelId)} defaultValue={v.modelId ?? String(modelId)}>
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.displayName} ({m.slug})
              </option>
            ))}
          </select>
        </Field>
        <Field id="effectiveDate" label="Effective from" error={e.effectiveDate}>
          <DateInput {...errorProps('effectiveDate', e.effectiveDate)} defaultValue={v.effectiveDate ?? today} />
        </Field>
        <Field id="effectiveTime" label="Time (24h)" hint="HH:MM, default 00:00" error={e.effectiveTime}>
          <input type="text" inputMode="numeric" placeholder="00:00" maxLength={5} {...errorProps('effectiveTime', e.effectiveTime)} defaultValue={v.effectiveTime ?? '00:00'} />
        </Field>
      </div>
      <fieldset>
        <legend className="text-tremor-default font-medium text-tremor-content-strong">USD per 1M tokens</legend>
        <p className="text-tremor-label text-tremor-content">Leave cache and reasoning empty to bill them at the input and output price.</p>
        <div className="mt-2 grid gap-4 sm:grid-cols-5">
          <Field id="input" label="Input" error={e.input}>
            <input inputMode="decimal" placeholder="2.50" {...errorProps('input', e.input)} defaultValue={v.input ?? ''} />
          </Field>
          <Field id="cacheRead" label="Cache read" error={e.cacheRead}>
            <input inputMode="decimal" placeholder="= input" {...errorProps('cacheRead', e.cacheRead)} defaultValue={v.cacheRead ?? ''} />
          </Field>
          <Field id="cacheWrite" label="Cache write" error={e.cacheWrite}>
            <input inputMode="decimal" placeholder="= input" {...errorProps('cacheWrite', e.cacheWrite)} defaultValue={v.cacheWrite ?? ''} />
          </Field>
          <Field id="output" label="Output" error={e.output}>
            <input inputMode="decimal" placeholder="10.00" {...errorProps('output', e.output)} defaultValue={v.output ?? ''} />
          </Field>
          <Field id="reasoning" label="Reasoning" error={e.reasoning}>
            <input inputMode="decimal" placeholder="= output" {...errorProps('reasoning', e.reasoning)} defaultValue={v.reasoning ?? ''} />
          </Field>
        </div>
      </fieldset>
      <Field id="note" label="Note" hint="Where the price comes from (a price page, a contract…)" error={e.note}>
        <input type="text" maxLength={500} {...errorProps('note', e.note)} defaultValue={v.note ?? ''} />
      </Field>
      <FormMessage status={state.status} message={state.message} testId="add-price-message" />
      {otherModel ? (
        <p className="text-tremor-default">
          <Link className="font-medium text-tremor-brand-default hover:underline" href={`/models/${state.modelSlug}`}>
            See that model&apos;s price history
          </Link>
        </p>
      ) : null}
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? 'Saving…' : 'Add price version'}
      </button>
    </form>
  )
}
