'use client'

import { useId, useState } from 'react'

export type ModelOption = { slug: string; displayName: string; deployment: string }

/**
 * A multi-select over catalog slugs: a filter box and a checkbox per model. Plain checkboxes, so the
 * form submits `name` once per chosen slug with or without JavaScript.
 */
export function ModelPicker({
  name,
  label,
  hint,
  options,
  defaultSelected,
  error,
}: {
  name: string
  label: string
  hint?: string
  options: ModelOption[]
  defaultSelected: string[]
  error?: string
}) {
  const id = useId()
  const [selected, setSelected] = useState(() => new Set(defaultSelected))
  const [filter, setFilter] = useState('')
  const needle = filter.trim().toLowerCase()
  const toggle = (slug: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev)
      if (on) next.add(slug)
      else next.delete(slug)
      return next
    })
  // Slugs saved earlier but since removed from the catalog stay visible (and selectable) until unticked.
  const all = [...options, ...defaultSelected.filter((s) => !options.some((o) => o.slug === s)).map((s) => ({ slug: s, displayName: s, deployment: 'not in catalog' }))]

  return (
    <fieldset className="min-w-0" aria-describedby={error ? `${id}-error` : undefined} data-testid={`picker-${name}`}>
      <legend className="text-tremor-default font-medium text-tremor-content-strong">{label}</legend>
      {hint ? <p className="text-tremor-label text-tremor-content">{hint}</p> : null}
      <div className="mt-2 flex min-h-7 flex-wrap gap-1" aria-live="polite">
        {selected.size === 0 ? (
          <span className="text-tremor-label text-tremor-content-subtle">None selected</span>
        ) : (
          [...selected].sort().map((slug) => (
            <button
              key={slug}
              type="button"
              onClick={() => toggle(slug, false)}
              className="rounded-tremor-full bg-tremor-brand-faint px-2 py-0.5 font-mono text-tremor-label text-tremor-brand-emphasis hover:bg-tremor-brand-muted"
              aria-label={`Remove ${slug}`}
            >
              {slug} ×
            </button>
          ))
        )}
      </div>
      <input
        type="search"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        placeholder="Filter models…"
        aria-label={`Filter ${label.toLowerCase()}`}
        className="mt-2 h-8 w-full rounded-tremor-default border border-tremor-border-default px-2 text-tremor-default shadow-tremor-input"
      />
      <div className="mt-1 max-h-44 overflow-y-auto rounded-tremor-default border border-tremor-border-default">
        {all.map((o) => {
          const shown = !needle || o.slug.includes(needle) || o.displayName.toLowerCase().includes(needle)
          return (
            <label key={o.slug} hidden={!shown} className="flex cursor-pointer items-center gap-2 px-2 py-1 text-tremor-default hover:bg-tremor-background-subtle">
              <input type="checkbox" name={name} value={o.slug} checked={selected.has(o.slug)} onChange={(e) => toggle(o.slug, e.target.checked)} />
              <span className="font-mono text-tremor-label text-tremor-content-strong">{o.slug}</span>
              <span className="truncate text-tremor-label text-tremor-content">{o.displayName}</span>
            </label>
          )
        })}
      </div>
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-tremor-label text-red-600">
          {error}
        </p>
      ) : null}
    </fieldset>
  )
}
