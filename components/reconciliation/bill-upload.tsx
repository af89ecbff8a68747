'use client'

import { useRouter } from 'next/navigation'
import { useRef, useState, type FormEvent } from 'react'
import type { ImportBillResult } from '@/lib/bills/import-bill'
import { useFocusFirstError } from '@/components/ui/focus-first-error'
import { buttonClass, errorProps, Field, FormMessage, secondaryButtonClass } from '@/components/models/form-fields'

/** A refusal names the field it is about (the upload route's `field`: provider or file), when it is about one. */
type Refusal = { message: string; field?: 'provider' | 'file' }
type Phase = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; result: ImportBillResult } | ({ kind: 'error' } & Refusal)

const formats = [
  { value: 'openai', label: 'OpenAI — Costs / Usage API pages (JSON)' },
  { value: 'anthropic', label: 'Anthropic — cost_report / usage_report pages (JSON)' },
  { value: 'csv', label: 'CSV — date, provider, model, cost [, currency, tokens…]' },
] as const

export function BillUpload() {
  const router = useRouter()
  const [files, setFiles] = useState<File[]>([])
  const [format, setFormat] = useState<string>('openai')
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' })
  // Counts the answers, so each refusal puts the cursor back on the field it names.
  const [seq, setSeq] = useState(0)
  const formRef = useRef<HTMLFormElement>(null)
  useFocusFirstError(formRef, { status: phase.kind, seq })

  const refuse = (refusal: Refusal) => {
    setPhase({ kind: 'error', ...refusal })
    setSeq((n) => n + 1)
  }

  async function send(mode: 'preview' | 'import') {
    if (files.length === 0) return refuse({ message: 'Choose the bill file(s) first.', field: 'file' })
    setPhase({ kind: 'busy' })
    const body = new FormData()
    for (const f of files) body.append('file', f)
    body.set('provider', format)
    body.set('mode', mode)
    try {
      const res = await fetch('/reconciliation/upload', { method: 'POST', body })
      const json = (await res.json().catch(() => null)) as (ImportBillResult & { error?: { message: string; field?: string } }) | null
      if (!res.ok || !json || json.error) {
        const field = json?.error?.field
        return refuse({ message: json?.error?.message ?? `The upload failed (HTTP ${res.status}).`, field: field === 'provider' || field === 'file' ? field : undefined })
      }
      setPhase({ kind: 'done', result: json })
      if (mode === 'import') router.refresh()
    } catch {
      refuse({ message: 'Could not reach the server; nothing was loaded.' })
    }
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    void send('preview')
  }
  const result = phase.kind === 'done' ? phase.result : null
  const formatError = phase.kind === 'error' && phase.field === 'provider' ? phase.message : undefined
  const fileError = phase.kind === 'error' && phase.field === 'file' ? phase.message : undefined

  return (
    <div className="space-y-4">
      <form ref={formRef} onSubmit={onSubmit} className="grid gap-4 md:grid-cols-3" aria-label="Upload a provider bill" noValidate>
        <Field id="bill-format" label="Format" error={formatError}>
          <select {...errorProps('bill-format', formatError)} value={format} onChange={(e) => setFormat(e.target.value)}>
            {formats.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="bill-files" label="Bill file(s)" hint="Several pages of one export load as one; so does one file of concatenated pages." error={fileError}>
          <input
            {...errorProps('bill-files', fileError)}
            type="file"
            multiple
            accept=".json,.jsonl,.csv,application/json,text/csv"
            onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
          />
        </Field>
        <div className="flex items-end gap-2">
          <button type="submit" disabled={phase.kind === 'busy'} className={secondaryButtonClass}>
            {phase.kind === 'busy' ? 'Reading…' : 'Preview'}
          </button>
          <button type="button" disabled={phase.kind === 'busy' || !result?.dryRun} onClick={() => void send('import')} className={buttonClass}>
            Load bill
          </button>
        </div>
      </form>
      {phase.kind === 'error' ? <FormMessage status="error" message={phase.field ? 'Check the highlighted fields.' : phase.message} testId="bill-upload-error" /> : null}
      {result ? <UploadResult result={result} /> : null}
    </div>
  )
}

function UploadResult({ result }: { result: ImportBillResult }) {
  const headline = result.dryRun
    ? `Preview: ${result.lines} line(s), ${result.firstDay} … ${result.lastDay} — ${result.inserted} new, ${result.updated} changed, ${result.unchanged} unchanged. Nothing is loaded yet.`
    : result.importId === null
      ? `Nothing changed: all ${result.lines} line(s) were already loaded.`
      : `Loaded ${result.lines} line(s), ${result.firstDay} … ${result.lastDay}: ${result.inserted} new, ${result.updated} changed, ${result.unchanged} unchanged.`
  return (
    <div className="space-y-2" data-testid="bill-upload-result">
      <FormMessage status="ok" message={headline} testId="bill-upload-message" />
      <p className="text-tremor-default text-tremor-content">
        Totals: {result.totals.map((t) => `${t.provider} ${t.amount} ${t.currency}`).join(' · ')}
        {result.unmatchedModels.length > 0 ? ` · not in the catalog: ${result.unmatchedModels.map((u) => u.model).join(', ')}` : ''}
      </p>
      {result.warnings.map((w) => (
        <p key={w} className="text-tremor-label text-amber-800">
          {w}
        </p>
      ))}
      {result.dryRun ? (
        <div className="max-h-72 overflow-auto rounded-tremor-small border border-tremor-border-default">
          <table className="w-full text-left text-tremor-label tabular-nums" data-testid="bill-preview">
            <thead className="sticky top-0 bg-tremor-background-muted">
              <tr>
                {['Day', 'Provider', 'Kind', 'Model as billed', 'Catalog model', 'Token kind', 'Amount', 'Tokens'].map((h) => (
                  <th key={h} className="px-2 py-1 font-medium">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.preview.map((l) => (
                <tr key={`${l.provider}|${l.measure}|${l.day}|${l.lineKey}`} className="border-t border-tremor-border-default">
                  <td className="px-2 py-1">{l.day}</td>
                  <td className="px-2 py-1">{l.provider}</td>
                  <td className="px-2 py-1">{l.measure}</td>
                  <td className="px-2 py-1 font-mono">{l.modelRaw}</td>
                  <td className="px-2 py-1">{l.model ?? <span className="text-amber-800">no match</span>}</td>
                  <td className="px-2 py-1">{l.tokenKind ?? '—'}</td>
                  <td className="px-2 py-1">{l.amount === null ? '—' : `${l.amount} ${l.currency}`}</td>
                  <td className="px-2 py-1">{l.tokens ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  )
}
