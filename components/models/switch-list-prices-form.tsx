'use client'

import { useActionState } from 'react'
import { buttonClass } from './form-fields'

export type SwitchListPricesState = { status: 'idle' | 'error'; message: string | null }
type SwitchAction = (prev: SwitchListPricesState, formData: FormData) => Promise<SwitchListPricesState>

const initial: SwitchListPricesState = { status: 'idle', message: null }

/** Applies what the dry run above it showed; the action then sends the browser to the re-price progress. */
export function SwitchListPricesForm({ action, effectiveDate, changes }: { action: SwitchAction; effectiveDate: string; changes: number }) {
  const [state, submit, pending] = useActionState(action, initial)
  return (
    <form action={submit} className="space-y-2">
      <input type="hidden" name="effectiveDate" value={effectiveDate} />
      <button type="submit" disabled={pending || changes === 0} className={buttonClass}>
        {pending ? 'Switching…' : `Switch ${changes} model${changes === 1 ? '' : 's'} to list prices and re-price`}
      </button>
      {state.message ? (
        <p role="alert" data-testid="switch-message" className="rounded-tremor-default border border-red-200 bg-red-50 px-3 py-2 text-tremor-default text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  )
}
