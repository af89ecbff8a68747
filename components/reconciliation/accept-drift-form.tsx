'use client'

import Link from 'next/link'
import { useActionState } from 'react'
import type { AcceptedDrift, PriceDriftValues } from '@/app/(app)/reconciliation/actions'
import { buttonClass } from '@/components/models/form-fields'
import { FormMessage, idleState, type FormState } from '@/components/ui/form-state'

export type AcceptDriftAction = (prev: FormState<PriceDriftValues, AcceptedDrift>, formData: FormData) => Promise<FormState<PriceDriftValues, AcceptedDrift>>

export function AcceptDriftForm({ action, provider, date, model }: { action: AcceptDriftAction; provider: string; date: string; model: string }) {
  const [state, submit, pending] = useActionState(action, idleState<PriceDriftValues, AcceptedDrift>())
  return (
    <div className="space-y-2">
      {state.status === 'ok' ? null : (
        <form action={submit}>
          <input type="hidden" name="provider" value={provider} />
          <input type="hidden" name="date" value={date} />
          <input type="hidden" name="model" value={model} />
          <button type="submit" disabled={pending} className={buttonClass}>
            {pending ? 'Adding…' : 'Add this price version and dry-run the re-price'}
          </button>
        </form>
      )}
      <FormMessage state={state} testId="drift-message" />
      {state.runId ? (
        <Link href={`/models/reprice?run=${state.runId}`} className="text-tremor-default text-tremor-brand-default hover:underline">
          See the re-price dry run →
        </Link>
      ) : null}
    </div>
  )
}
