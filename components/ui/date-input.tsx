'use client'

import { useId, useState, type ComponentProps } from 'react'
import { dayProblem } from './day-problem'

// A day as the tables write it, 2026-11-07, whatever the browser's locale: Chromium's <input
// type="date"> shows an en-US visitor 11/07/2026. A text field shows and sends exactly what was typed
// (never rewritten), in the YYYY-MM-DD the servers parse; they stay the judge of what they accept.
// No inputMode="numeric": phone number pads have no '-' to type.

// Judged as soon as it can be (a character no day has, or all ten typed) and when the field is left, not
// when it is left for the submit button: the message appearing would move the button from under the
// pointer between press and release, and the server answers that submission anyway.
const judgeable = (text: string) => text.length >= 10 || /[^\d-]/.test(text)

/** Says beside the field what is wrong with the typed day; editing clears it until the text can be judged again. */
export function DateInput({ id, onBlur, onChange, 'aria-describedby': describedBy, 'aria-invalid': invalid, ...props }: Omit<ComponentProps<'input'>, 'type'>) {
  const [problem, setProblem] = useState<string | null>(null)
  const problemId = `${useId()}-day`
  return (
    <>
      <input
        size={12}
        {...props}
        id={id}
        type="text"
        placeholder="YYYY-MM-DD"
        maxLength={10}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={problem ? true : invalid}
        aria-describedby={[describedBy, problem ? problemId : null].filter(Boolean).join(' ') || undefined}
        onBlur={(e) => {
          const to = e.relatedTarget
          if (!(to instanceof HTMLButtonElement && to.type === 'submit')) setProblem(dayProblem(e.currentTarget.value))
          onBlur?.(e)
        }}
        onChange={(e) => {
          const text = e.currentTarget.value
          setProblem(judgeable(text) ? dayProblem(text) : null)
          onChange?.(e)
        }}
      />
      {problem ? (
        <span id={problemId} role="alert" data-testid="date-problem" className="mt-1 block text-tremor-label font-normal text-red-700">
          {problem}
        </span>
      ) : null}
    </>
  )
}
