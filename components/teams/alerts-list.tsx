import type { AlertKind } from '@prisma/client'
import { Time } from '@/components/ui/time'
import type { TeamAlert } from '@/lib/teams/list-team-alerts'

export const alertKindLabels: Record<AlertKind, string> = {
  budget_threshold: 'Budget threshold',
  budget_forecast: 'Budget forecast',
  anomaly: 'Spend anomaly',
  unpriced_model: 'Unpriced model',
  capture_rate: 'Bill capture rate',
}

const tone: Record<AlertKind, string> = {
  budget_threshold: 'bg-red-50 text-red-700 ring-red-200',
  budget_forecast: 'bg-amber-50 text-amber-800 ring-amber-200',
  anomaly: 'bg-violet-50 text-violet-700 ring-violet-200',
  unpriced_model: 'bg-gray-100 text-gray-700 ring-gray-200',
  capture_rate: 'bg-sky-50 text-sky-800 ring-sky-200',
}

export function AlertsList({ alerts }: { alerts: TeamAlert[] }) {
  return (
    <ol className="@container max-h-80 divide-y divide-tremor-border-default overflow-y-auto" data-testid="alerts">
      {alerts.map((a) => (
        <li key={a.id} className="flex flex-col gap-1 py-2 @2xl:flex-row @2xl:items-baseline @2xl:gap-3">
          <span className={`inline-flex w-fit shrink-0 rounded-tremor-small px-1.5 py-0.5 text-tremor-label font-medium ring-1 ring-inset ${tone[a.kind]}`}>{alertKindLabels[a.kind]}</span>
          <span className="min-w-0 flex-1 break-words text-tremor-default text-tremor-content-strong">{a.message}</span>
          <span className="shrink-0 text-tremor-label text-tremor-content">
            <Time value={a.createdAt} />
            {a.deliveredAt ? ' · delivered' : a.attempts > 0 ? ` · ${a.attempts} failed deliver${a.attempts === 1 ? 'y' : 'ies'}` : ''}
          </span>
        </li>
      ))}
    </ol>
  )
}
