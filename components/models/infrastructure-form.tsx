'use client'

import { useActionState, useRef } from 'react'
import { useFocusFirstError } from '@/components/ui/focus-first-error'
import { idleState } from '@/components/ui/form-state'
import type { PriceFormAction, PriceFormState } from './price-form-schemas'
import { buttonClass, errorProps, Field, FormMessage, secondaryButtonClass } from './form-fields'
import { DateInput } from '@/components/ui/date-input'

const initial: PriceFormState = idleState()

// For self-hosted models: what a token costs on your own GPUs, so "local" is priced, not assumed free.
export function InfrastructureForm({ action: submit, modelId, today }: { action: PriceFormAction; modelId: number; today: string }) {
  const [state, action, pending] = useActionState(submit, initial)
  const formRef = useRef<HTMLFormElement>(null)
  useFocusFirstError(formRef, state)
  const v = state.values
  const e = state.fieldErrors
  const formKey = state.status === 'ok' ? `saved-${state.versionId}` : 'editing'
  return (
    <form ref={formRef} key={formKey} action={action} className="space-y-4" noValidate aria-label="Infrastructure estimate">
      <input type="hidden" name="modelId" value={modelId} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Field id="gpuHourUsd" label="GPU-hour cost (USD)" error={e.gpuHourUsd}>
          <input inputMode="decimal" placeholder="2.40" {...errorProps('gpuHourUsd', e.gpuHourUsd)} defaultValue={v.gpuHourUsd ?? ''} />
        </Field>
        <Field id="tokensPerSecond" label="Throughput (tokens/s)" error={e.tokensPerSecond}>
          <input inputMode="decimal" placeholder="1500" {...errorProps('tokensPerSecond', e.tokensPerSecond)} defaultValue={v.tokensPerSecond ?? ''} />
        </Field>
        <Field id="infra-effectiveDate" label="Effective from" error={e.effectiveDate}>
          <DateInput {...errorProps('infra-effectiveDate', e.effectiveDate)} name="effectiveDate" defaultValue={v.effectiveDate ?? today} />
        </Field>
        <Field id="infra-effectiveTime" label="Time (24h)" error={e.effectiveTime}>
          <input type="text" inputMode="numeric" placeholder="00:00" maxLength={5} {...errorProps('infra-effectiveTime', e.effectiveTime)} name="effectiveTime" defaultValue={v.effectiveTime ?? '00:00'} />
        </Field>
      </div>
      <Field id="infra-note" label="Note" hint="e.g. which GPU and serving stack" error={e.note}>
        <input type="text" maxLength={400} {...errorProps('infra-note', e.note)} name="note" defaultValue={v.note ?? ''} />
      </Field>
      {state.preview ? (
        <p className="rounded-tremor-default border border-violet-200 bg-violet-50 px-3 py-2 text-tremor-default text-violet-900" data-testid="infra-preview">
          = <strong className="font-mono">${state.preview}</strong> per 1M tokens, for every bucket (GPU-hour cost ÷ tokens per hour).
        </p>
      ) : null}
      <FormMessage status={state.status} message={state.message} testId="infra-message" />
      <div className="flex flex-wrap gap-2">
        <button type="submit" name="intent" value="preview" disabled={pending} className={secondaryButtonClass}>
          Preview price
        </button>
        <button type="submit" name="intent" value="save" disabled={pending} className={buttonClass}>
          {pending ? 'Saving…' : 'Save as price version'}
        </button>
      </div>
    </form>
  )
}
