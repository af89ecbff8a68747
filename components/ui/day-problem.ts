import { isUtcDay } from '@/lib/time/utc-days'

/** Why `text` is not a YYYY-MM-DD day, or null when it is one or is empty (`required` is the form's to enforce). */
export function dayProblem(text: string): string | null {
  if (text === '' || isUtcDay(text)) return null
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return `Write the date as YYYY-MM-DD, e.g. 2026-11-07 (got '${text}')`
  return `${text} is not a calendar day`
}
