// What every server action hands back to its form (useActionState): a message, per-field errors, the
// submitted values so a refused form keeps what was typed, and what the action produced (E: a new
// key, a plan, a version id).
export type FormState<V extends object = Record<string, string>, E extends object = object> = {
  status: 'idle' | 'ok' | 'error'
  message: string | null
  /** Field name (or 'defaultModels.<task>') → message. */
  fieldErrors: Partial<Record<string, string>>
  values: Partial<V>
  /** Increments per submission, so a form keyed on it remounts showing what the server answered. */
  seq: number
} & Partial<Omit<E, 'status' | 'message' | 'fieldErrors' | 'values' | 'seq'>>

export function idleState<V extends object = Record<string, string>, E extends object = object>(): FormState<V, E> {
  return { status: 'idle', message: null, fieldErrors: {}, values: {}, seq: 0 } as FormState<V, E>
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
