// A refused field, the same on every form: the message under the field, tied to it by aria-describedby
// (a screen reader reads it there), and aria-invalid, which gets the one red highlight (app/globals.css).

export function fieldErrorProps(id: string, error?: string) {
  return { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-error` : undefined } as const
}

export function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={`${id}-error`} className="mt-1 text-tremor-label text-red-700" data-field-error={id}>
      {message}
    </p>
  ) : null
}
