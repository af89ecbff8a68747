'use client'

import { useActionState, useRef } from 'react'
import { setUserDisabledAction, updateUserRoleAction, type DisableUserValues, type UpdateUserValues } from '@/app/(app)/settings/actions'
import type { Option } from './create-user-form'
import { FieldError, fieldErrorProps } from '@/components/ui/field-error'
import { useFocusFirstError } from '@/components/ui/focus-first-error'
import { FormMessage, idleState } from '@/components/ui/form-state'
import { dangerButton, input, secondaryButton } from '@/components/ui/styles'

type RowUser = { id: number; email: string; role: string; teamSlug: string | null; disabled: boolean }

// Role and team of one user, changed together (an engineer needs a team). The selects show the
// current values, so they double as the row's role and team columns; after a refusal they keep what
// was picked, with the reason under the select it is about.
export function RoleTeamForm({ user, roles, teams, isSelf }: { user: RowUser; roles: Option[]; teams: Option[]; isSelf: boolean }) {
  const [state, action, pending] = useActionState(updateUserRoleAction, idleState<UpdateUserValues>())
  const formRef = useRef<HTMLFormElement>(null)
  useFocusFirstError(formRef, state)
  const role = state.status === 'error' ? state.values.role : user.role
  const team = state.status === 'error' ? state.values.team : (user.teamSlug ?? '')
  const e = state.fieldErrors
  return (
    <div className="space-y-1.5">
      <form ref={formRef} action={action} key={`${user.role}-${user.teamSlug}-${state.seq}`} className="flex items-start gap-2" aria-label={`Role and team of ${user.email}`} noValidate>
        <input type="hidden" name="userId" value={user.id} />
        <div>
          <select {...fieldErrorProps(`user-${user.id}-role`, e.role)} name="role" defaultValue={role} aria-label={`Role of ${user.email}`} disabled={isSelf} title={isSelf ? 'You cannot change your own role' : undefined} className={`${input} w-32`}>
            {roles.map((r) => (
              <option key={r.value} value={r.value}>{r.label}</option>
            ))}
          </select>
          <FieldError id={`user-${user.id}-role`} message={e.role} />
        </div>
        {isSelf ? <input type="hidden" name="role" value={user.role} /> : null}
        <div>
          <select {...fieldErrorProps(`user-${user.id}-team`, e.team)} name="team" defaultValue={team} aria-label={`Team of ${user.email}`} className={`${input} w-40`}>
            <option value="">No team</option>
            {teams.map((t) => (
              <option key={t.value} value={t.value}>{t.label}</option>
            ))}
          </select>
          <FieldError id={`user-${user.id}-team`} message={e.team} />
        </div>
        <button type="submit" disabled={pending} className={secondaryButton}>
          {pending ? 'Saving…' : 'Save'}
        </button>
      </form>
      <FormMessage state={state} testId={`role-message-${user.id}`} />
    </div>
  )
}

export function DisableToggle({ user }: { user: RowUser }) {
  const [state, action, pending] = useActionState(setUserDisabledAction, idleState<DisableUserValues>())
  return (
    <div className="space-y-1.5">
      <form action={action} aria-label={`${user.disabled ? 'Enable' : 'Disable'} ${user.email}`}>
        <input type="hidden" name="userId" value={user.id} />
        <input type="hidden" name="disabled" value={user.disabled ? 'false' : 'true'} />
        <button type="submit" disabled={pending} className={user.disabled ? secondaryButton : dangerButton}>
          {pending ? '…' : user.disabled ? 'Enable' : 'Disable'}
        </button>
      </form>
      {state.status === 'error' ? <FormMessage state={state} testId={`disable-message-${user.id}`} /> : null}
    </div>
  )
}
