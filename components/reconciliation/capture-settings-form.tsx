'use client'

import { useActionState, useRef } from 'react'
import type { CaptureSettingsValues } from '@/app/(app)/reconciliation/actions'
import { buttonClass, errorProps, Field } from '@/components/models/form-fields'
import { useFocusFirstError } from '@/components/ui/focus-first-error'
import { FormMessage, idleState, type FormState } from '@/components/ui/form-state'

type Action = (prev: FormState<CaptureSettingsValues>, formData: FormData) => Promise<FormState<CaptureSettingsValues>>

export function CaptureSettingsForm({ action, threshold, alertTeam, teams }: { action: Action; threshold: string; alertTeam: string | null; teams: string[] }) {
  const [state, submit, pending] = useActionState(action, idleState<CaptureSettingsValues>())
  const formRef = useRef<HTMLFormElement>(null)
  useFocusFirstError(formRef, state)
  // After a refusal the fields hold what was typed; after a save, what is saved.
  const v = state.status === 'error' ? state.values : {}
  const e = state.fieldErrors
  return (
    <form ref={formRef} key={state.seq} action={submit} className="grid gap-4 md:grid-cols-3" aria-label="Capture-rate alert settings" noValidate>
      <Field id="capture-threshold" label="Alert below (capture %, per provider per day)" error={e.threshold}>
        <input {...errorProps('capture-threshold', e.threshold)} name="threshold" inputMode="decimal" defaultValue={v.threshold ?? threshold} />
      </Field>
      <Field id="capture-team" label="Send alerts to the webhook of team" hint="No team: no alert is sent; the page still shows the rate." error={e.alertTeam}>
        <select {...errorProps('capture-team', e.alertTeam)} name="alertTeam" defaultValue={v.alertTeam ?? alertTeam ?? ''}>
          <option value="">— none —</option>
          {teams.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </Field>
      <div className="flex items-end">
        <button type="submit" disabled={pending} className={buttonClass}>
          Save
        </button>
      </div>
      <div className="md:col-span-3">
        <FormMessage state={state} testId="capture-settings-message" />
      </div>
    </form>
  )
}
