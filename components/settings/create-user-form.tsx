'use client'

import { useActionState, useRef } from 'react'
import { useFocusFirstError } from '@/components/ui/focus-first-error'
import { createUserAction, type CreateUserValues } from '@/app/(app)/settings/actions'
import { FormMessage, idleState } from '@/components/ui/form-state'
import { input, label, primaryButton } from '@/components/ui/styles'

export type Option = { value: string; label: string }

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="mt-1 text-tremor-label text-red-700">
      {message}
    </p>
  ) : null
}

export function CreateUserForm({ roles, teams }: { roles: Option[]; teams: Option[] }) {
  const [state, action, pending] = useActionState(createUserAction, idleState<CreateUserValues>())
  const formRef = useRef<HTMLFormElement>(null)
  useFocusFirstError(formRef, state)
  const v = state.values
  const e = state.fieldErrors
  return (
    <form ref={formRef} action={action} key={state.seq} className="space-y-3" aria-label="Create user" noValidate>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <div>
          <label htmlFor="new-user-email" className={label}>Email</label>
          <input id="new-user-email" name="email" type="email" required autoComplete="off" defaultValue={v.email} aria-invalid={!!e.email} aria-describedby="new-user-email-error" className={`mt-1 ${input}`} />
          <FieldError id="new-user-email-error" message={e.email} />
        </div>
        <div>
          <label htmlFor="new-user-name" className={label}>Name <span className="font-normal text-tremor-content">(optional)</span></label>
          <input id="new-user-name" name="name" autoComplete="off" defaultValue={v.name} aria-invalid={!!e.name} className={`mt-1 ${input}`} />
          <FieldError id="new-user-name-error" message={e.name} />
        </div>
        <div>
          <label htmlFor="new-user-role" className={label}>Role</label>
          <select id="new-user-role" name="role" defaultValue={v.role ?? 'engineer'} aria-invalid={!!e.role} className={`mt-1 ${input}`}>
            {roles.map((r) => (
              <option key={r.value} value={r.value}>{r.label}</option>
            ))}
          </select>
          <FieldError id="new-user-role-error" message={e.role} />
        </div>
        <div>
          <label htmlFor="new-user-team" className={label}>Team</label>
          <select id="new-user-team" name="team" defaultValue={v.team ?? ''} aria-invalid={!!e.team} aria-describedby="new-user-team-error" className={`mt-1 ${input}`}>
            <option value="">No team</option>
            {teams.map((t) => (
              <option key={t.value} value={t.value}>{t.label}</option>
            ))}
          </select>
          <FieldError id="new-user-team-error" message={e.team} />
        </div>
        <div>
          <label htmlFor="new-user-password" className={label}>Initial password</label>
          <input id="new-user-password" name="password" type="password" required autoComplete="new-password" aria-invalid={!!e.password} aria-describedby="new-user-password-error" className={`mt-1 ${input}`} />
          <FieldError id="new-user-password-error" message={e.password} />
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? 'Creating…' : 'Create user'}
        </button>
        <p className="text-tremor-label text-tremor-content">At least 8 characters. Team leads and engineers need a team.</p>
      </div>
      <FormMessage state={state} testId="create-user-message" />
    </form>
  )
}
