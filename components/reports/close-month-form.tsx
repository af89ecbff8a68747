'use client'

import { useActionState, useState } from 'react'
import { FormMessage, idleState, type FormState } from '@/components/ui/form-state'

export type CloseMonthState = FormState<{ month: string }>
type CloseMonthAction = (prev: CloseMonthState, formData: FormData) => Promise<CloseMonthState>

const initial: CloseMonthState = idleState()

// Closing is final (a later change shows as an adjustment, never in the statement), so it asks first.
export function CloseMonthForm({ action, month, openTeams, unpricedCalls }: { action: CloseMonthAction; month: string; openTeams: number; unpricedCalls: number }) {
  const [state, submit, pending] = useActionState(action, initial)
  const [confirming, setConfirming] = useState(false)
  return (
    <div className="space-y-2">
      {confirming ? (
        <form
          action={(fd) => {
            setConfirming(false)
            submit(fd)
          }}
          className="flex flex-wrap items-center gap-2 rounded-tremor-default border border-amber-300 bg-amber-50 px-3 py-2"
          role="group"
          aria-label="Confirm closing the month"
        >
          <input type="hidden" name="month" value={month} />
          <span className="text-tremor-default text-amber-900">
            Close {month} for {openTeams} open team{openTeams === 1 ? '' : 's'}? Their statements are frozen
            {unpricedCalls > 0
              ? ` with ${unpricedCalls.toLocaleString('en-US')} unpriced call${unpricedCalls === 1 ? '' : 's'} whose cost stays unknown (not in the totals)`
              : ', every call priced'}
            ; later changes show as adjustments.
          </span>
          <button type="submit" className="rounded-tremor-default bg-amber-600 px-3 py-1.5 text-tremor-default font-medium text-white hover:bg-amber-700">
            Yes, close {month}
          </button>
          <button
            type="button"
            onClick={() => setConfirming(false)}
            className="rounded-tremor-default border border-tremor-border-default bg-white px-3 py-1.5 text-tremor-default text-tremor-content-emphasis hover:bg-tremor-background-subtle"
          >
            Cancel
          </button>
        </form>
      ) : (
        <button
          type="button"
          disabled={pending}
          onClick={() => setConfirming(true)}
          className="rounded-tremor-default bg-tremor-brand-default px-3 py-1.5 text-tremor-default font-medium text-white shadow-tremor-input hover:bg-tremor-brand-emphasis disabled:opacity-60"
        >
          {pending ? 'Closing…' : 'Close month'}
        </button>
      )}
      <FormMessage state={state} testId="close-month-message" />
    </div>
  )
}
