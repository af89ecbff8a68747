'use client'

import { useActionState, useRef } from 'react'
import { FieldError, fieldErrorProps } from '@/components/ui/field-error'
import { useFocusFirstError } from '@/components/ui/focus-first-error'
import { createTeamAction, type CreateTeamValues } from '@/app/(app)/settings/actions'
import { FormMessage, idleState } from '@/components/ui/form-state'
import { input, label, primaryButton } from '@/components/ui/styles'

export function CreateTeamForm() {
  const [state, action, pending] = useActionState(createTeamAction, idleState<CreateTeamValues>())
  const formRef = useRef<HTMLFormElement>(null)
  useFocusFirstError(formRef, state)
  const e = state.fieldErrors
  return (
    <form ref={formRef} action={action} key={state.seq} className="space-y-3" aria-label="Create team" noValidate>
      <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,2fr)_auto] sm:items-end">
        <div>
          <label htmlFor="new-team-slug" className={label}>Slug</label>
          <input {...fieldErrorProps('new-team-slug', e.slug)} name="slug" required autoComplete="off" placeholder="e.g. growth" defaultValue={state.values.slug} className={`mt-1 ${input}`} />
        </div>
        <div>
          <label htmlFor="new-team-name" className={label}>Name</label>
          <input {...fieldErrorProps('new-team-name', e.name)} name="name" required autoComplete="off" placeholder="e.g. Growth" defaultValue={state.values.name} className={`mt-1 ${input}`} />
        </div>
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? 'Creating…' : 'Create team'}
        </button>
      </div>
      <FieldError id="new-team-slug" message={e.slug} />
      <FieldError id="new-team-name" message={e.name} />
      <p className="text-tremor-label text-tremor-content">Slugs appear in URLs, exports and alerts: 2–40 characters, lowercase a–z, 0–9 and -.</p>
      <FormMessage state={state} testId="create-team-message" />
    </form>
  )
}
