import type { z } from 'zod'

// Reading a submitted form: the server actions' input, and what a refused form gets back.

/** A text field's value; '' when missing (or a file). */
export function formText(formData: FormData, name: string): string {
  const v = formData.get(name)
  return typeof v === 'string' ? v : ''
}

/** The submitted strings of these fields (missing ones left out), to put back into the form after an error. */
export function formValues(formData: FormData, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const n of names) {
    const v = formData.get(n)
    if (typeof v === 'string') out[n] = v
  }
  return out
}

/**
 * One message per field from the zod schema the lib function validates with: the first issue wins.
 * The key is the issue's path without array indexes ('defaultModels.chat'; 'allowedModels' for an
 * element), renamed where the form calls a field differently; 'form' when the issue has no path.
 */
export function zodFieldErrors(error: z.ZodError, rename: Readonly<Record<string, string>> = {}): Record<string, string> {
  const out: Record<string, string> = {}
  for (const issue of error.issues) {
    const path = issue.path.filter((p): p is string => typeof p === 'string').join('.') || 'form'
    out[rename[path] ?? path] ??= issue.message
  }
  return out
}
