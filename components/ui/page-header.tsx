import type { ReactNode } from 'react'
import { TimeZoneNote } from './time'

/** A page's title; it also says, once, which zone the page's dates and times are in (`noTimes`: a page without any). */
export function PageHeader({ title, description, actions, noTimes = false }: { title: string; description?: ReactNode; actions?: ReactNode; noTimes?: boolean }) {
  return (
    <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-tremor-content-strong">{title}</h1>
        {description ? <p className="mt-1 max-w-3xl text-tremor-default text-tremor-content">{description}</p> : null}
        {noTimes ? null : <TimeZoneNote />}
      </div>
      {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
    </div>
  )
}
