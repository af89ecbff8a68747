'use client'

import { useActionState, useRef } from 'react'
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
          <input id="new-team-slug" name="slug" required autoComplete="off" placeholder="e.g. growth" defaultValue={state.values.slug} aria-invalid={!!e.slug} aria-describedby="new-team-slug-error" className={`mt-1 ${input}`} />
        </div>
        <div>
          <label htmlFor="new-team-name" className={label}>Name</label>
          <input id="new-team-name" name="name" required autoComplete="off" placeholder="e.g. Growth" defaultValue={state.values.name} aria-invalid={!!e.name} aria-describedby="new-team-name-error" className={`mt-1 ${input}`} />
        </div>
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? 'Creating…' : 'Create team'}
        </button>
      </div>
      {e.slug ? <p id="new-team-slug-error" className="text-tremor-label text-red-700">{e.slug}</p> : null}
      {e.name ? <p id="new-team-name-error" className="text-tremor-label text-red-700">{e.name}</p> : null}
      <p className="text-tremor-label text-tremor-content">Slugs appear in URLs, exports and alerts: 2–40 characters, lowercase a–z, 0–9 and -.</p>
      <FormMessage state={state} testId="create-team-message" />
    </form>
  )
}
