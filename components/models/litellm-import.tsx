'use client'

import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useState, type FormEvent } from 'react'
import type { ImportSummary } from './litellm-import-summary'
import { buttonClass, Field, FormMessage, inputClass, secondaryButtonClass } from './form-fields'
import { Badge } from './badge'
import { DateInput } from '@/components/ui/date-input'

const MAX_BYTES = 10 * 1024 * 1024
const bucketLabels: Record<string, string> = { input: 'Input', output: 'Output', cacheRead: 'Cache read', cacheWrite: 'Cache write', reasoning: 'Reasoning' }
const skipLabels: Record<string, string> = {
  documentation: 'documentation entry',
  'not-a-model': 'not a model',
  'no-token-price': 'not priced per token',
  'invalid-price': 'invalid price',
  'not-selected': 'not selected',
  unmatched: 'no catalog model',
  superseded: 'another key won',
  'hosted-price-for-local-model': 'hosted price for a local model',
  conflict: 'conflicting prices',
  'same-date-version': 'a version already starts that day',
}

const rate = (v: string | null) => (v === null ? '—' : `$${v}`)

type Phase = { kind: 'idle' } | { kind: 'busy'; what: 'dry-run' | 'apply' } | { kind: 'done'; summary: ImportSummary } | { kind: 'error'; message: string }

export function LiteLlmImport({ today }: { today: string }) {
  const router = useRouter()
  const [file, setFile] = useState<File | null>(null)
  const [effectiveDate, setEffectiveDate] = useState(today)
  const [createModels, setCreateModels] = useState(false)
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' })
  const [fileError, setFileError] = useState<string | null>(null)

  async function send(mode: 'dry-run' | 'apply') {
    if (!file) {
      setFileError('Choose the LiteLLM price file (JSON) first.')
      return
    }
    if (file.size > MAX_BYTES) {
      setFileError('The file is larger than 10 MB.')
      return
    }
    setFileError(null)
    setPhase({ kind: 'busy', what: mode })
    const body = new FormData()
    body.set('file', file)
    body.set('mode', mode)
    body.set('effectiveDate', effectiveDate)
    if (createModels) body.set('createModels', 'on')
    try {
      const res = await fetch('/models/import/upload', { method: 'POST', body })
      const json = (await res.json().catch(() => null)) as (ImportSummary & { error?: { message: string } }) | null
      if (!res.ok || !json || json.error) {
        setPhase({ kind: 'error', message: json?.error?.message ?? `The import failed (HTTP ${res.status}).` })
        return
      }
      setPhase({ kind: 'done', summary: json })
      if (mode === 'apply') router.refresh()
    } catch {
      setPhase({ kind: 'error', message: 'Could not reach the server; nothing was changed.' })
    }
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    void send('dry-run')
  }

  const summary = phase.kind === 'done' ? phase.summary : null
  const busy = phase.kind === 'busy'

  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} className="space-y-4 rounded-tremor-default border border-tremor-border-default bg-white p-4 shadow-tremor-card" noValidate>
        <div className="grid gap-4 md:grid-cols-3">
          <Field id="file" label="LiteLLM price map (JSON, ≤ 10 MB)" error={fileError ?? undefined} hint="model_prices_and_context_window.json">
            <input
              id="file"
              name="file"
              type="file"
              accept="application/json,.json"
              className={`${inputClass} border-tremor-border-default`}
              aria-invalid={fileError ? true : undefined}
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null)
                setPhase({ kind: 'idle' })
              }}
            />
          </Field>
          <Field id="effectiveDate" label="Effective from" hint="New versions start at 00:00 that day">
            <DateInput
              id="effectiveDate"
              value={effectiveDate}
              onChange={(e) => {
                setEffectiveDate(e.target.value)
                setPhase({ kind: 'idle' })
              }}
              className={`${inputClass} border-tremor-border-default`}
            />
          </Field>
          <div className="flex items-end pb-2">
            <label className="flex items-start gap-2 text-tremor-default text-tremor-content-emphasis">
              <input
                type="checkbox"
                checked={createModels}
                onChange={(e) => {
                  setCreateModels(e.target.checked)
                  setPhase({ kind: 'idle' })
                }}
                className="mt-1"
              />
              <span>Also create catalog models for chat models the catalog does not know (route and family guessed — check them)</span>
            </label>
          </div>
        </div>
        <button type="submit" disabled={busy} className={secondaryButtonClass}>
          {busy && phase.what === 'dry-run' ? 'Reading the file…' : 'Preview changes (dry run)'}
        </button>
      </form>

      {phase.kind === 'error' ? <FormMessage status="error" message={phase.message} testId="import-error" /> : null}

      {summary ? (
        <section aria-label="Import preview" data-testid="import-summary" className="space-y-4">
          <div
            className={`rounded-tremor-default border px-4 py-3 text-tremor-default ${summary.dryRun ? 'border-blue-200 bg-blue-50 text-blue-900' : 'border-emerald-200 bg-emerald-50 text-emerald-900'}`}
            role="status"
          >
            {summary.dryRun ? (
              <>
                <strong>Dry run — nothing saved yet.</strong> {summary.fileName}: {summary.entries.toLocaleString('en-US')} entries read;{' '}
                <strong>{summary.changesTotal}</strong> model{summary.changesTotal === 1 ? '' : 's'} would get a new price version effective{' '}
                {summary.effectiveFrom.slice(0, 10)}
                {summary.createdModels ? ` (${summary.createdModels} new catalog models)` : ''}; {summary.unchanged} already bill the same;{' '}
                {summary.conflicts.length} conflict{summary.conflicts.length === 1 ? '' : 's'} left for you.
              </>
            ) : (
              <>
                <strong>Applied.</strong> {summary.applied} price version{summary.applied === 1 ? '' : 's'} added effective {summary.effectiveFrom.slice(0, 10)}
                {summary.createdModels ? `, ${summary.createdModels} catalog models created` : ''}. Unpriced events they cover are priced by the worker; events
                already priced keep their price until a <Link href="/models/reprice" className="font-medium underline">re-price</Link>.
              </>
            )}
          </div>

          {summary.dryRun && summary.changesTotal > 0 ? (
            <button type="button" disabled={busy} onClick={() => void send('apply')} className={buttonClass}>
              {busy && phase.kind === 'busy' && phase.what === 'apply' ? 'Applying…' : `Apply ${summary.changesTotal} change${summary.changesTotal === 1 ? '' : 's'}`}
            </button>
          ) : null}

          {summary.changes.length > 0 ? (
            <div className="overflow-x-auto rounded-tremor-default border border-tremor-border-default bg-white shadow-tremor-card">
              <table className="min-w-full divide-y divide-tremor-border-default text-tremor-default" data-testid="import-changes">
                <thead className="bg-tremor-background-muted text-left text-tremor-label font-semibold uppercase tracking-wide text-tremor-content">
                  <tr>
                    <th scope="col" className="px-3 py-2">Model</th>
                    <th scope="col" className="px-3 py-2">LiteLLM key</th>
                    <th scope="col" className="px-3 py-2">Old → new (USD / 1M tokens)</th>
                    <th scope="col" className="px-3 py-2">Notes</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-tremor-border-default">
                  {summary.changes.map((c) => (
                    <tr key={c.slug} data-model={c.slug}>
                      <td className="px-3 py-2 align-top">
                        {c.modelId ? (
                          <Link href={`/models/${encodeURIComponent(c.slug)}`} className="font-mono text-tremor-brand-default hover:underline">
                            {c.slug}
                          </Link>
                        ) : (
                          <span className="font-mono">{c.slug}</span>
                        )}
                        <div className="mt-1 flex gap-1">
                          {c.newModel ? <Badge tone="violet">New model</Badge> : null}
                          {c.old === null && !c.newModel ? <Badge tone="amber">First price</Badge> : null}
                          {c.versionId ? <Badge tone="green">Saved #{c.versionId}</Badge> : null}
                        </div>
                      </td>
                      <td className="px-3 py-2 align-top font-mono text-tremor-label">
                        {c.key}
                        {c.candidates > 1 ? <span className="block font-sans text-tremor-content">best of {c.candidates} keys</span> : null}
                      </td>
                      <td className="px-3 py-2 align-top">
                        <ul className="space-y-0.5">
                          {c.buckets.map((b) => (
                            <li key={b.bucket} className="whitespace-nowrap">
                              <span className="text-tremor-content">{bucketLabels[b.bucket] ?? b.bucket}:</span>{' '}
                              <span className="font-mono">
                                {rate(b.old)} → <strong className="text-tremor-content-strong">{rate(b.new)}</strong>
                              </span>
                            </li>
                          ))}
                        </ul>
                      </td>
                      <td className="px-3 py-2 align-top text-tremor-label text-tremor-content">{c.notes.join('; ') || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {summary.changesTotal > summary.changes.length ? (
                <p className="px-3 py-2 text-tremor-label text-tremor-content">
                  Showing {summary.changes.length} of {summary.changesTotal} changes.
                </p>
              ) : null}
            </div>
          ) : (
            <p className="rounded-tremor-default border border-tremor-border-default bg-white p-4 text-tremor-default text-tremor-content">
              No price would change: every matched model already bills what the file says.
            </p>
          )}

          {summary.conflicts.length > 0 ? (
            <div className="rounded-tremor-default border border-amber-200 bg-amber-50 p-4 text-tremor-default text-amber-900" data-testid="import-conflicts">
              <p className="font-semibold">Conflicts — equally good keys with different prices; not imported, set these by hand:</p>
              <ul className="mt-2 list-disc space-y-1 pl-5">
                {summary.conflicts.map((c) => (
                  <li key={c.slug}>
                    <span className="font-mono">{c.slug}</span>:{' '}
                    {c.candidates.map((k) => `${k.key} (in ${rate(k.rates.input)}, out ${rate(k.rates.output)})`).join(' vs ')}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}

          <div className="rounded-tremor-default border border-tremor-border-default bg-white p-4 text-tremor-default shadow-tremor-card">
            <p className="font-medium text-tremor-content-strong">Skipped entries</p>
            {Object.keys(summary.skipped).length === 0 ? (
              <p className="text-tremor-content">None.</p>
            ) : (
              <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-4 gap-y-0.5" data-testid="import-skipped">
                {Object.entries(summary.skipped)
                  .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
                  .map(([reason, n]) => (
                    <div key={reason} className="contents">
                      <dt className="text-right font-mono tabular-nums">{n?.toLocaleString('en-US')}</dt>
                      <dd className="text-tremor-content">{skipLabels[reason] ?? reason}</dd>
                    </div>
                  ))}
              </dl>
            )}
          </div>
        </section>
      ) : null}
    </div>
  )
}
