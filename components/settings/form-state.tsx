// What every settings server action hands back to its form (useActionState): a message, per-field
// errors, and the submitted values so a rejected form keeps what was typed.
export type FormState<V extends Record<string, string> = Record<string, string>> = {
  status: 'idle' | 'ok' | 'error'
  message: string | null
  fieldErrors: Partial<Record<keyof V & string, string>>
  values: Partial<V>
  /** Increments on success, so a form can remount empty. */
  seq: number
}

export function idleState<V extends Record<string, string>>(): FormState<V> {
  return { status: 'idle', message: null, fieldErrors: {}, values: {}, seq: 0 }
}

export function FormMessage({ state, testId }: { state: Pick<FormState, 'status' | 'message'>; testId?: string }) {
  if (!state.message) return null
  const ok = state.status === 'ok'
  return (
    <p
      role={ok ? 'status' : 'alert'}
      data-testid={testId}
      className={`rounded-tremor-default border px-3 py-2 text-tremor-default ${ok ? 'border-emerald-200 bg-emerald-50 text-emerald-800' : 'border-red-200 bg-red-50 text-red-700'}`}
    >
      {state.message}
    </p>
  )
}
