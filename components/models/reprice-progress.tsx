'use client'

import { useRouter } from 'next/navigation'
import { useEffect, useState } from 'react'
import { formatCount, formatUsd } from '@/components/ui/format'
import type { RepriceRunView } from '@/lib/pricing/reprice/reprice-run-view'
import { toUtcDay } from '@/lib/time/utc-days'

const POLL_MS = 500

const statusText: Record<RepriceRunView['status'], string> = {
  pending: 'Pending — queued, waiting for a re-price worker to pick it up',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
}

// Follows a re-price run by polling its row (done/total/status) until it is done or failed.
export function RepriceProgress({ initial }: { initial: RepriceRunView }) {
  const router = useRouter()
  const [run, setRun] = useState(initial)
  const [stale, setStale] = useState(false)
  const finished = run.status === 'done' || run.status === 'failed'

  useEffect(() => {
    if (finished) return
    let cancelled = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const tick = async () => {
      try {
        const res = await fetch(`/api/v1/reprice-runs/${run.id}`, { cache: 'no-store' })
        if (res.ok) {
          const next = (await res.json()) as RepriceRunView
          if (!cancelled) {
            setRun(next)
            setStale(false)
          }
          if (next.status === 'done' || next.status === 'failed') {
            // The rest of the page (recent runs) was rendered while the run was still going.
            if (!cancelled) router.refresh()
            return
          }
        } else if (!cancelled) setStale(true)
      } catch {
        if (!cancelled) setStale(true)
      }
      if (!cancelled) timer = setTimeout(tick, POLL_MS)
    }
    timer = setTimeout(tick, POLL_MS)
    return () => {
      cancelled = true
      if (timer) clearTimeout(timer)
    }
  }, [run.id, finished, router])

  const barTone = run.status === 'failed' ? 'bg-red-500' : run.status === 'done' ? 'bg-emerald-500' : run.status === 'pending' ? 'bg-amber-400' : 'bg-tremor-brand-default'
  return (
    <section className="space-y-3 rounded-tremor-default border border-tremor-border-default bg-white p-4 shadow-tremor-card" aria-label={`Re-price run ${run.id}`} data-testid="reprice-progress">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-tremor-title font-semibold text-tremor-content-strong">
          Re-price run #{run.id}: {run.from.slice(0, 10)} … {toUtcDay(new Date(Date.parse(run.to) - 1))}
        </h2>
        <p className="text-tremor-default font-medium" data-testid="reprice-status" data-status={run.status}>
          {statusText[run.status]}
        </p>
      </div>
      <div
        role="progressbar"
        aria-label="Re-price progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={run.percent}
        className="h-3 w-full overflow-hidden rounded-tremor-full bg-tremor-background-subtle"
      >
        <div className={`h-full ${barTone} transition-[width] duration-300`} style={{ width: `${run.percent}%` }} />
      </div>
      <p className="font-mono text-tremor-default tabular-nums" data-testid="reprice-percent">
        {run.percent}% · {formatCount(run.done)} / {formatCount(run.total)} events
      </p>
      {run.status === 'pending' ? (
        <p className="rounded-tremor-default border border-amber-200 bg-amber-50 px-3 py-2 text-tremor-default text-amber-900">
          Nothing has been changed yet. The bar moves once a worker takes the job; if no worker is running, an operator can run it with{' '}
          <code className="font-mono">npm run ledger -- reprice resume --run {run.id}</code>.
        </p>
      ) : null}
      {run.status === 'failed' ? (
        <p role="alert" className="rounded-tremor-default border border-red-200 bg-red-50 px-3 py-2 text-tremor-default text-red-700">
          {run.error ?? 'The run failed.'} It is retried from where it stopped; it can also be resumed with{' '}
          <code className="font-mono">npm run ledger -- reprice resume --run {run.id}</code>.
        </p>
      ) : null}
      {run.status === 'done' && run.result ? (
        <dl className="grid gap-3 sm:grid-cols-4" data-testid="reprice-totals">
          <div>
            <dt className="text-tremor-label text-tremor-content">Events re-priced</dt>
            <dd className="font-mono tabular-nums text-tremor-content-strong">
              {formatCount(run.result.changed ?? 0)} of {formatCount(run.result.events ?? 0)}
            </dd>
          </div>
          <div>
            <dt className="text-tremor-label text-tremor-content">Cost before → after</dt>
            <dd className="font-mono tabular-nums text-tremor-content-strong">
              {formatUsd(run.result.oldCost ?? '0')} → {formatUsd(run.result.newCost ?? '0')}
            </dd>
          </div>
          <div>
            <dt className="text-tremor-label text-tremor-content">Change</dt>
            <dd className="font-mono tabular-nums text-tremor-content-strong" data-testid="reprice-delta">
              {formatUsd(run.result.delta ?? '0', { signed: true })}
            </dd>
          </div>
          <div>
            <dt className="text-tremor-label text-tremor-content">Team-days changed</dt>
            <dd className="font-mono tabular-nums text-tremor-content-strong">{formatCount(run.result.changedDays ?? 0)}</dd>
          </div>
        </dl>
      ) : null}
      {stale && !finished ? <p className="text-tremor-label text-tremor-content">Lost contact with the server; still trying…</p> : null}
    </section>
  )
}
