'use client'

import { useActionState, useRef, useState } from 'react'
import { FieldError, fieldErrorProps } from '@/components/ui/field-error'
import { useFocusFirstError } from '@/components/ui/focus-first-error'
import { FormMessage, idleState } from '@/components/ui/form-state'
import type { CreateKeyState, RevokeKeyState } from './api-key-states'
import { th } from '@/components/ui/styles'
import { Time } from '@/components/ui/time'
import { ScrollRegion } from '@/components/ui/scroll-region'

export type ApiKeyRow = {
  id: number
  name: string
  prefix: string
  scopes: string[]
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
}

const scopeHelp: Record<string, string> = { 'usage:write': 'post usage events', 'spend:read': "read this team's spend" }

const td = 'px-3 py-2 align-middle text-tremor-default'

function ShownOnce({ state, onDone }: { state: { key: string; name: string }; onDone: () => void }) {
  const [copied, setCopied] = useState(false)
  return (
    <div role="alert" className="mb-4 rounded-tremor-default border border-amber-300 bg-amber-50 p-4" data-testid="new-key">
      <p className="text-tremor-default font-semibold text-amber-900">Copy the key “{state.name}” now — it is shown only once.</p>
      <p className="text-tremor-label text-amber-900">Only a hash is stored. If it is lost, revoke it and create another.</p>
      <div className="mt-2 flex flex-col gap-2 @lg:flex-row">
        <input
          readOnly
          value={state.key}
          aria-label="New API key"
          data-testid="new-key-value"
          onFocus={(e) => e.currentTarget.select()}
          className="h-9 min-w-0 flex-1 rounded-tremor-default border border-amber-300 bg-white px-2 font-mono text-tremor-label text-tremor-content-strong"
        />
        <button
          type="button"
          onClick={async () => {
            await navigator.clipboard?.writeText(state.key).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }}
          className="h-9 rounded-tremor-default bg-amber-600 px-3 text-tremor-default font-medium text-white hover:bg-amber-700"
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" onClick={onDone} className="h-9 rounded-tremor-default border border-amber-300 px-3 text-tremor-default text-amber-900 hover:bg-amber-100">
          Done
        </button>
      </div>
    </div>
  )
}

function RevokeButton({ team, row, action }: { team: string; row: ApiKeyRow; action: (p: RevokeKeyState, f: FormData) => Promise<RevokeKeyState> }) {
  const [confirming, setConfirming] = useState(false)
  const [state, formAction, pending] = useActionState(action, idleState() as RevokeKeyState)
  if (!confirming) {
    return (
      <button type="button" onClick={() => setConfirming(true)} className="text-tremor-default font-medium text-red-600 hover:underline">
        Revoke
      </button>
    )
  }
  return (
    <form action={formAction} className="flex flex-wrap items-center justify-end gap-2">
      <input type="hidden" name="team" value={team} />
      <input type="hidden" name="prefix" value={row.prefix} />
      <span className="text-tremor-label text-tremor-content">Revoke {row.name}? Calls using it will get 401.</span>
      <button type="submit" disabled={pending} className="rounded-tremor-small bg-red-600 px-2 py-1 text-tremor-label font-medium text-white hover:bg-red-700 disabled:opacity-60">
        {pending ? 'Revoking…' : 'Confirm revoke'}
      </button>
      <button type="button" onClick={() => setConfirming(false)} className="rounded-tremor-small border border-tremor-border-default px-2 py-1 text-tremor-label">
        Cancel
      </button>
      {state.status === 'error' ? (
        <span role="alert" className="w-full text-right text-tremor-label text-red-600">
          {state.message}
        </span>
      ) : null}
    </form>
  )
}

export function ApiKeysPanel({
  team,
  keys,
  scopes,
  canManage,
  createAction,
  revokeAction,
}: {
  team: string
  keys: ApiKeyRow[]
  /** The scopes a team key may have (from lib/auth/api-keys, passed in so no server code ships to the browser). */
  scopes: string[]
  canManage: boolean
  createAction: (p: CreateKeyState, f: FormData) => Promise<CreateKeyState>
  revokeAction: (p: RevokeKeyState, f: FormData) => Promise<RevokeKeyState>
}) {
  const [state, formAction, pending] = useActionState(createAction, idleState() as CreateKeyState)
  const [dismissed, setDismissed] = useState<string | null>(null)
  const formRef = useRef<HTMLFormElement>(null)
  useFocusFirstError(formRef, state)
  const e = state.fieldErrors
  // After a refusal the form gives back what was typed and ticked; after a key, it starts over.
  const refused = state.status === 'error'

  return (
    <div className="@container">
      {state.status === 'ok' && state.key && dismissed !== state.key ? <ShownOnce state={{ key: state.key, name: state.name ?? '' }} onDone={() => setDismissed(state.key ?? null)} /> : null}

      {keys.length === 0 ? (
        <p className="rounded-tremor-small bg-tremor-background-muted px-3 py-6 text-center text-tremor-default text-tremor-content">No API keys yet.</p>
      ) : (
        <ScrollRegion label="API keys table" className="relative">
          <table className="w-full min-w-[44rem] divide-y divide-tremor-border-default" data-testid="api-keys">
            <thead>
              <tr>
                <th scope="col" className={th}>Name</th>
                <th scope="col" className={th}>Prefix</th>
                <th scope="col" className={th}>Scopes</th>
                <th scope="col" className={th}>Created</th>
                <th scope="col" className={th}>Last used</th>
                <th scope="col" className={th}>Status</th>
                {canManage ? <th scope="col" className={th}><span className="sr-only">Actions</span></th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-tremor-border-default">
              {keys.map((k) => (
                <tr key={k.id} data-key={k.name} className={k.revokedAt ? 'text-tremor-content-subtle' : undefined}>
                  <td className={`${td} font-medium text-tremor-content-strong`}>{k.name}</td>
                  <td className={`${td} font-mono text-tremor-label`}>{k.prefix}</td>
                  <td className={`${td} text-tremor-label`}>{k.scopes.join(', ')}</td>
                  <td className={`${td} whitespace-nowrap text-tremor-label`}><Time value={k.createdAt} /></td>
                  <td className={`${td} whitespace-nowrap text-tremor-label`}><Time value={k.lastUsedAt} empty="never" /></td>
                  <td className={`${td} whitespace-nowrap text-tremor-label`} data-cell="status">
                    {k.revokedAt ? <span className="text-red-600">revoked <Time value={k.revokedAt} /></span> : <span className="text-emerald-700">active</span>}
                  </td>
                  {canManage ? <td className={`${td} text-right`}>{k.revokedAt ? null : <RevokeButton team={team} row={k} action={revokeAction} />}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}

      {canManage ? (
        <form ref={formRef} key={state.seq} action={formAction} noValidate aria-label="Create API key" className="mt-4 space-y-1 border-t border-tremor-border-default pt-4" data-testid="create-key-form">
          <input type="hidden" name="team" value={team} />
          <div className="flex flex-col gap-3 @2xl:flex-row @2xl:items-end">
            <div className="flex min-w-0 flex-1 flex-col gap-1">
              <label htmlFor="new-key-name" className="text-tremor-default font-medium text-tremor-content-strong">
                New key name
              </label>
              <input
                {...fieldErrorProps('new-key-name', e.name)}
                name="name"
                maxLength={64}
                autoComplete="off"
                defaultValue={refused ? state.values.name : ''}
                placeholder="e.g. checkout-service"
                className="h-9 rounded-tremor-default border border-tremor-border-default px-2 text-tremor-default shadow-tremor-input"
              />
            </div>
            <fieldset className="flex flex-wrap gap-3">
              <legend className="sr-only">Scopes</legend>
              {scopes.map((s) => (
                <label key={s} className="flex items-center gap-1.5 text-tremor-default" title={scopeHelp[s]}>
                  <input
                    type="checkbox"
                    name="scopes"
                    value={s}
                    defaultChecked={refused ? state.values.scopes?.includes(s) : true}
                    aria-invalid={e.scopes ? true : undefined}
                    aria-describedby={e.scopes ? 'new-key-scopes-error' : undefined}
                  />
                  <span className="font-mono text-tremor-label">{s}</span>
                </label>
              ))}
            </fieldset>
            <button type="submit" disabled={pending} className="h-9 rounded-tremor-default bg-tremor-brand-default px-4 text-tremor-default font-medium text-white hover:bg-tremor-brand-emphasis disabled:opacity-60">
              {pending ? 'Creating…' : 'Create key'}
            </button>
          </div>
          <FieldError id="new-key-name" message={e.name} />
          <FieldError id="new-key-scopes" message={e.scopes} />
        </form>
      ) : (
        <p className="mt-3 text-tremor-label text-tremor-content">Keys are created and revoked by this team&apos;s lead and engineers, or an admin.</p>
      )}
      {state.status === 'error' ? (
        <div className="mt-2">
          <FormMessage state={state} testId="key-error" />
        </div>
      ) : null}
    </div>
  )
}
