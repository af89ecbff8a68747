import type { ReactNode } from 'react'
import { FieldError, fieldErrorProps } from '@/components/ui/field-error'

// Plain inputs styled like the rest of the app; each field shows its own error under it and points
// the input at it (aria-describedby), so a screen reader hears what is wrong where it is wrong.

export const inputClass =
  'mt-1 block w-full rounded-tremor-default border bg-white px-3 py-2 text-tremor-default text-tremor-content-strong shadow-tremor-input outline-none focus:border-tremor-brand-subtle focus:ring-2 focus:ring-tremor-brand-muted'

export const buttonClass =
  'rounded-tremor-default bg-tremor-brand-default px-4 py-2 text-tremor-default font-medium text-white shadow-tremor-input hover:bg-tremor-brand-emphasis disabled:opacity-60'

export const secondaryButtonClass =
  'rounded-tremor-default border border-tremor-border-default bg-white px-4 py-2 text-tremor-default font-medium text-tremor-content-strong shadow-tremor-input hover:bg-tremor-background-subtle disabled:opacity-60'

export function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: ReactNode; error?: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="block text-tremor-default font-medium text-tremor-content-strong">
        {label}
      </label>
      {children}
      {error ? <FieldError id={id} message={error} /> : hint ? <p className="mt-1 text-tremor-label text-tremor-content">{hint}</p> : null}
    </div>
  )
}

export function errorProps(id: string, error?: string) {
  return { ...fieldErrorProps(id, error), name: id, className: `${inputClass} ${error ? 'border-red-400' : 'border-tremor-border-default'}` } as const
}

export function FormMessage({ status, message, testId }: { status: 'idle' | 'ok' | 'error'; message: string | null; testId?: string }) {
  if (!message) return null
  const tone = status === 'ok' ? 'border-emerald-200 bg-emerald-50 text-emerald-800' : 'border-red-200 bg-red-50 text-red-700'
  return (
    <p role={status === 'ok' ? 'status' : 'alert'} data-testid={testId} className={`rounded-tremor-default border px-3 py-2 text-tremor-default ${tone}`}>
      {message}
    </p>
  )
}
