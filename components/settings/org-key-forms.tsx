'use client'

import { useActionState, useRef } from 'react'
import { FieldError, fieldErrorProps } from '@/components/ui/field-error'
import { useFocusFirstError } from '@/components/ui/focus-first-error'
import { createOrgKeyAction, revokeOrgKeyAction, type CreatedOrgKey, type CreateOrgKeyValues, type RevokeOrgKeyValues } from '@/app/(app)/settings/actions'
import { FormMessage, idleState } from '@/components/ui/form-state'
import { dangerButton, input, label, primaryButton } from '@/components/ui/styles'
import { ShownOnceSecret } from './shown-once-secret'

export function CreateOrgKeyForm() {
  const [state, action, pending] = useActionState(createOrgKeyAction, idleState<CreateOrgKeyValues, CreatedOrgKey>())
  const formRef = useRef<HTMLFormElement>(null)
  useFocusFirstError(formRef, state)
  const e = state.fieldErrors
  return (
    <div className="space-y-3">
      <form ref={formRef} action={action} key={state.seq} className="space-y-1" aria-label="Create org-wide key" noValidate>
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-56 flex-1">
            <label htmlFor="org-key-name" className={label}>Key name</label>
            <input {...fieldErrorProps('org-key-name', e.name)} name="name" required autoComplete="off" placeholder="e.g. finance-chargeback" defaultValue={state.values.name} className={`mt-1 ${input}`} />
          </div>
          <label className="flex items-center gap-2 pb-2 text-tremor-default text-tremor-content-strong">
            <input type="checkbox" name="billsWrite" defaultChecked={state.values.billsWrite} className="h-4 w-4" />
            may also load provider bills (bills:write)
          </label>
          <button type="submit" disabled={pending} className={primaryButton}>
            {pending ? 'Creating…' : 'Create org-wide key'}
          </button>
        </div>
        <FieldError id="org-key-name" message={e.name} />
      </form>
      <FormMessage state={state} testId="org-key-message" />
      {state.status === 'ok' && state.key ? (
        <ShownOnceSecret value={state.key} note="Shown once — copy it now. Only its hash is stored." testId="new-org-key" copyLabel="Copy key" />
      ) : null}
    </div>
  )
}

export function RevokeOrgKeyButton({ prefix, name }: { prefix: string; name: string }) {
  const [state, action, pending] = useActionState(revokeOrgKeyAction, idleState<RevokeOrgKeyValues>())
  return (
    <form
      action={action}
      aria-label={`Revoke ${prefix}`}
      onSubmit={(event) => {
        if (!window.confirm(`Revoke the org-wide key '${name}' (${prefix})? Requests with it fail within seconds.`)) event.preventDefault()
      }}
    >
      <input type="hidden" name="prefix" value={prefix} />
      <button type="submit" disabled={pending} className={dangerButton}>
        {pending ? 'Revoking…' : 'Revoke'}
      </button>
      {state.status === 'error' ? <FormMessage state={state} /> : null}
    </form>
  )
}
