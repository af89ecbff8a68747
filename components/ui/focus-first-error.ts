'use client'

import { useEffect, type RefObject } from 'react'

// After a refused submission the cursor goes to the first highlighted field, so the person lands on
// what to fix (and a screen reader reads its message, linked by aria-describedby).
export function useFocusFirstError(form: RefObject<HTMLFormElement | null>, state: { status: string; seq: number }) {
  useEffect(() => {
    if (state.status !== 'error') return
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [form, state.status, state.seq])
}
