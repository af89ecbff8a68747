'use client'

import { useActionState, useRef } from 'react'
import { FieldError, fieldErrorProps } from '@/components/ui/field-error'
import { useFocusFirstError } from '@/components/ui/focus-first-error'
import { createUserAction, type CreateUserValues } from '@/app/(app)/settings/actions'
import { FormMessage, idleState } from '@/components/ui/form-state'
import { input, label, primaryButton } from '@/components/ui/styles'

export type Option = { value: string; label: string }

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
          <input {...fieldErrorProps('new-user-email', e.email)} name="email" type="email" required autoComplete="off" defaultValue={v.email} className={`mt-1 ${input}`} />
          <FieldError id="new-user-email" message={e.email} />
        </div>
        <div>
          <label htmlFor="new-user-name" className={label}>Name <span className="font-normal text-tremor-content">(optional)</span></label>
          <input {...fieldErrorProps('new-user-name', e.name)} name="name" autoComplete="off" defaultValue={v.name} className={`mt-1 ${input}`} />
          <FieldError id="new-user-name" message={e.name} />
        </div>
        <div>
          <label htmlFor="new-user-role" className={label}>Role</label>
          <select {...fieldErrorProps('new-user-role', e.role)} name="role" defaultValue={v.role ?? 'engineer'} className={`mt-1 ${input}`}>
            {roles.map((r) => (
              <option key={r.value} value={r.value}>{r.label}</option>
            ))}
          </select>
          <FieldError id="new-user-role" message={e.role} />
        </div>
        <div>
          <label htmlFor="new-user-team" className={label}>Team</label>
          <select {...fieldErrorProps('new-user-team', e.team)} name="team" defaultValue={v.team ?? ''} className={`mt-1 ${input}`}>
            <option value="">No team</option>
            {teams.map((t) => (
              <option key={t.value} value={t.value}>{t.label}</option>
            ))}
          </select>
          <FieldError id="new-user-team" message={e.team} />
        </div>
        <div>
          <label htmlFor="new-user-password" className={label}>Initial password</label>
          <input {...fieldErrorProps('new-user-password', e.password)} name="password" type="password" required autoComplete="new-password" className={`mt-1 ${input}`} />
          <FieldError id="new-user-password" message={e.password} />
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
