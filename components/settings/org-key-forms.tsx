'use client'

import { useActionState } from 'react'
import { createOrgKeyAction, revokeOrgKeyAction, type CreatedOrgKey, type CreateOrgKeyValues, type RevokeOrgKeyValues } from '@/app/(app)/settings/actions'
import { CopyButton } from '@/components/api-docs/copy-button'
import { FormMessage, idleState } from '@/components/ui/form-state'
import { dangerButton, input, label, primaryButton } from '@/components/ui/styles'

export function CreateOrgKeyForm() {
  const [state, action, pending] = useActionState(createOrgKeyAction, idleState<CreateOrgKeyValues, CreatedOrgKey>())
  return (
    <div className="space-y-3">
      <form action={action} key={state.seq} className="flex flex-wrap items-end gap-3" aria-label="Create org-wide key" noValidate>
        <div className="min-w-56 flex-1">
          <label htmlFor="org-key-name" className={label}>Key name</label>
          <input id="org-key-name" name="name" required autoComplete="off" placeholder="e.g. finance-chargeback" defaultValue={state.values.name} className={`mt-1 ${input}`} />
        </div>
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? 'Creating…' : 'Create org-wide key'}
        </button>
      </form>
      <FormMessage state={state} testId="org-key-message" />
      {state.status === 'ok' && state.key ? (
        <div className="rounded-tremor-default border border-amber-200 bg-amber-50 p-3" data-testid="new-org-key">
          <p className="text-tremor-default font-medium text-amber-900">Shown once — copy it now. Only its hash is stored.</p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code className="min-w-0 break-all rounded-tremor-small bg-white px-2 py-1 font-mono text-tremor-default text-tremor-content-strong ring-1 ring-amber-200" data-testid="new-org-key-value">
              {state.key}
            </code>
            <CopyButton text={state.key} label="Copy key" />
          </div>
        </div>
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
