'use client'

import { useActionState } from 'react'
import { setUserDisabledAction, updateUserRoleAction, type DisableUserValues, type UpdateUserValues } from '@/app/(app)/settings/actions'
import type { Option } from './create-user-form'
import { FormMessage, idleState } from '@/components/ui/form-state'
import { dangerButton, input, secondaryButton } from '@/components/ui/styles'

type RowUser = { id: number; email: string; role: string; teamSlug: string | null; disabled: boolean }

// Role and team of one user, changed together (an engineer needs a team). The selects show the
// current values, so they double as the row's role and team columns.
export function RoleTeamForm({ user, roles, teams, isSelf }: { user: RowUser; roles: Option[]; teams: Option[]; isSelf: boolean }) {
  const [state, action, pending] = useActionState(updateUserRoleAction, idleState<UpdateUserValues>())
  const role = state.status === 'error' ? state.values.role : user.role
  const team = state.status === 'error' ? state.values.team : (user.teamSlug ?? '')
  return (
    <div className="space-y-1.5">
      <form action={action} key={`${user.role}-${user.teamSlug}-${state.seq}`} className="flex items-center gap-2" aria-label={`Role and team of ${user.email}`}>
        <input type="hidden" name="userId" value={user.id} />
        <select name="role" defaultValue={role} aria-label={`Role of ${user.email}`} disabled={isSelf} title={isSelf ? 'You cannot change your own role' : undefined} className={`${input} w-32`}>
          {roles.map((r) => (
            <option key={r.value} value={r.value}>{r.label}</option>
          ))}
        </select>
        {isSelf ? <input type="hidden" name="role" value={user.role} /> : null}
        <select name="team" defaultValue={team} aria-label={`Team of ${user.email}`} className={`${input} w-40`}>
          <option value="">No team</option>
          {teams.map((t) => (
            <option key={t.value} value={t.value}>{t.label}</option>
          ))}
        </select>
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
