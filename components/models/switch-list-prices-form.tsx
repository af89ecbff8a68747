'use client'

import { useActionState } from 'react'
import { FormMessage, idleState, type FormState } from '@/components/ui/form-state'
import { buttonClass } from './form-fields'

export type SwitchListPricesState = FormState<{ effectiveDate: string }>
type SwitchAction = (prev: SwitchListPricesState, formData: FormData) => Promise<SwitchListPricesState>

const initial: SwitchListPricesState = idleState()

/** Applies what the dry run above it showed; the action then sends the browser to the re-price progress. */
export function SwitchListPricesForm({ action, effectiveDate, changes }: { action: SwitchAction; effectiveDate: string; changes: number }) {
  const [state, submit, pending] = useActionState(action, initial)
  return (
    <form action={submit} className="space-y-2">
      <input type="hidden" name="effectiveDate" value={effectiveDate} />
      <button type="submit" disabled={pending || changes === 0} className={buttonClass}>
        {pending ? 'Switching…' : `Switch ${changes} model${changes === 1 ? '' : 's'} to list prices and re-price`}
      </button>
      <FormMessage state={state} testId="switch-message" />
    </form>
  )
}
