'use client'

import { useActionState } from 'react'
import type { CaptureSettingsValues } from '@/app/(app)/reconciliation/actions'
import { buttonClass, Field, inputClass } from '@/components/models/form-fields'
import { FormMessage, idleState, type FormState } from '@/components/ui/form-state'

type Action = (prev: FormState<CaptureSettingsValues>, formData: FormData) => Promise<FormState<CaptureSettingsValues>>

export function CaptureSettingsForm({ action, threshold, alertTeam, teams }: { action: Action; threshold: string; alertTeam: string | null; teams: string[] }) {
  const [state, submit, pending] = useActionState(action, idleState<CaptureSettingsValues>())
  return (
    <form action={submit} className="grid gap-4 md:grid-cols-3" aria-label="Capture-rate alert settings">
      <Field id="capture-threshold" label="Alert below (capture %, per provider per day)">
        <input id="capture-threshold" name="threshold" inputMode="decimal" defaultValue={threshold} className={`${inputClass} border-tremor-border-default`} />
      </Field>
      <Field id="capture-team" label="Send alerts to the webhook of team" hint="No team: no alert is sent; the page still shows the rate.">
        <select id="capture-team" name="alertTeam" defaultValue={alertTeam ?? ''} className={`${inputClass} border-tremor-border-default`}>
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
