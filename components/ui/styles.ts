// The one set of class strings for tables and forms, so every page's tables and inputs look alike.
export const tableWrap = 'overflow-x-auto rounded-tremor-default border border-tremor-border-default bg-white shadow-tremor-card'
export const table = 'min-w-full divide-y divide-tremor-border-default'
export const thead = 'bg-tremor-background-muted'
export const th = 'px-3 py-2 text-left text-tremor-label font-semibold uppercase tracking-wide text-tremor-content'
export const td = 'px-3 py-2 align-top text-tremor-default'
/** A number cell: right-aligned, fixed-width digits. */
export const num = `${td} text-right font-mono tabular-nums`
export const tbody = 'divide-y divide-tremor-border-default'

export const input =
  'block w-full rounded-tremor-default border border-tremor-border-default bg-white px-3 py-1.5 text-tremor-default text-tremor-content-strong shadow-tremor-input outline-none focus:border-tremor-brand-subtle focus:ring-2 focus:ring-tremor-brand-muted'
export const label = 'block text-tremor-label font-medium text-tremor-content-emphasis'
export const primaryButton =
  'rounded-tremor-default bg-tremor-brand-default px-3 py-1.5 text-tremor-default font-medium text-white shadow-tremor-input hover:bg-tremor-brand-emphasis disabled:opacity-60'
export const secondaryButton =
  'rounded-tremor-default border border-tremor-border-default bg-white px-3 py-1.5 text-tremor-default font-medium text-tremor-content-strong shadow-tremor-input hover:bg-tremor-background-subtle disabled:opacity-60'
export const dangerButton =
  'rounded-tremor-default border border-red-200 bg-white px-3 py-1.5 text-tremor-default font-medium text-red-700 shadow-tremor-input hover:bg-red-50 disabled:opacity-60'
export const card = 'rounded-tremor-default border border-tremor-border-default bg-white p-4 shadow-tremor-card'
export const sectionTitle = 'text-tremor-title font-semibold text-tremor-content-strong'
export const emptyState = 'rounded-tremor-default border border-dashed border-tremor-border-default bg-white p-6 text-tremor-default text-tremor-content'
