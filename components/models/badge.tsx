import type { PriceSource } from '@prisma/client'
import type { ReactNode } from 'react'
import { sourceLabels } from './catalog-labels'

export type BadgeTone = 'gray' | 'blue' | 'amber' | 'violet' | 'red' | 'green'

const tones: Record<BadgeTone, string> = {
  gray: 'bg-gray-100 text-gray-700 ring-gray-200',
  blue: 'bg-blue-50 text-blue-700 ring-blue-200',
  amber: 'bg-amber-50 text-amber-800 ring-amber-200',
  violet: 'bg-violet-50 text-violet-700 ring-violet-200',
  red: 'bg-red-50 text-red-700 ring-red-200',
  green: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
}

export function Badge({ tone, children, title }: { tone: BadgeTone; children: ReactNode; title?: string }) {
  return (
    <span title={title} className={`inline-flex items-center whitespace-nowrap rounded-tremor-small px-1.5 py-0.5 text-tremor-label font-medium ring-1 ring-inset ${tones[tone]}`}>
      {children}
    </span>
  )
}

/** Where a price version came from, and whether it was derived (e.g. from hardware cost) rather than listed. */
export function PriceSourceBadges({ source, derived }: { source: PriceSource; derived: boolean }) {
  return (
    <div className="flex flex-wrap gap-1">
      <Badge tone="gray">{sourceLabels[source]}</Badge>
      {derived ? <Badge tone="violet">Derived</Badge> : null}
    </div>
  )
}
