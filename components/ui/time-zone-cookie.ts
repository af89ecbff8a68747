import { isTimeZone } from './format'

// The person's choice to read times in their own zone, kept in a cookie so the server renders the
// same text the browser would (no flash of UTC) and the choice holds on every page. No cookie = UTC.
export const timeZoneCookie = 'time-zone'

export function zoneFromCookie(value: string | undefined): string | null {
  if (!value) return null
  let zone: string
  try {
    zone = decodeURIComponent(value)
  } catch {
    return null
  }
  return isTimeZone(zone) ? zone : null
}
