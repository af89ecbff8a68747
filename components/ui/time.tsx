'use client'

import { createContext, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react'
import { formatTime } from './format'
import { timeZoneCookie } from './time-zone-cookie'

// Times are stored, bucketed and entered in UTC. Only their display may follow the browser's own zone,
// when the person asks for it; the choice lives in a cookie the layout reads, so the server already
// renders it.

type TimeZoneChoice = { zone: string | null; showLocal: (local: boolean) => void }

const TimeZoneContext = createContext<TimeZoneChoice>({ zone: null, showLocal: () => {} })

const YEAR_S = 365 * 86_400
const noSubscription = () => () => {}
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone

/** `saved`: the zone the cookie names (null: UTC). Once in the browser, "local" means the browser's zone now. */
export function TimeZoneProvider({ zone: saved, children }: { zone: string | null; children: ReactNode }) {
  const [local, showLocal] = useState(saved !== null)
  // null while rendering on the server and hydrating, so both render the saved zone's text.
  const browser = useSyncExternalStore(noSubscription, browserZone, () => null)
  const zone = local ? (browser ?? saved) : null
  // The cookie follows what is shown, so a zone chosen before a trip follows the browser afterwards.
  useEffect(() => {
    document.cookie = zone === null ? `${timeZoneCookie}=; path=/; max-age=0; samesite=lax` : `${timeZoneCookie}=${encodeURIComponent(zone)}; path=/; max-age=${YEAR_S}; samesite=lax`
  }, [zone])
  const value = useMemo(() => ({ zone, showLocal }), [zone])
  return <TimeZoneContext.Provider value={value}>{children}</TimeZoneContext.Provider>
}

/**
 * An instant, as "2026-11-07 14:05" in UTC or in the zone the person chose. `day` shows the day only
 * (the full time on hover); children replace the text ("3 min ago"), the time then on hover.
 */
export function Time({ value, empty = '—', seconds, day, className, children }: { value: Date | string | null | undefined; empty?: string; seconds?: boolean; day?: boolean; className?: string; children?: ReactNode }) {
  const { zone } = useContext(TimeZoneContext)
  const text = formatTime(value, zone, empty, { seconds })
  if (value === null || value === undefined || text === empty) return <>{empty}</>
  const iso = (typeof value === 'string' ? new Date(value) : value).toISOString()
  const shown = children ?? (day ? text.slice(0, 10) : text)
  return (
    <time dateTime={iso} title={children !== undefined || day ? text : undefined} className={className}>
      {shown}
    </time>
  )
}

/** Said once per page: which zone the times are in, and the switch between UTC and the browser's zone. */
export function TimeZoneNote() {
  const { zone, showLocal } = useContext(TimeZoneContext)
  const button = 'font-medium text-tremor-brand-default underline-offset-2 hover:underline'
  return (
    <p className="mt-1 text-tremor-label text-tremor-content" data-testid="time-zone-note">
      {zone === null ? (
        <>
          Dates and times in UTC ·{' '}
          <button type="button" className={button} onClick={() => showLocal(true)}>
            Show local time
          </button>
        </>
      ) : (
        <>
          Times in {zone} (your local time); days, months and the times you enter stay in UTC ·{' '}
          <button type="button" className={button} onClick={() => showLocal(false)}>
            Show UTC
          </button>
        </>
      )}
    </p>
  )
}
