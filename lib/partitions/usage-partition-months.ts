// Month arithmetic for the monthly partitions of usage_events, in UTC (a partition holds
// [first of the month 00:00 UTC, first of the next month)). Pure: `now` is always an argument.

/** Partitions are named usage_events_pYYYYMM; only tables named so are ever created or dropped. */
export const USAGE_PARTITION_PATTERN = /^usage_events_p(\d{4})(\d{2})$/

export function monthStartUtc(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1))
}

export function addMonthsUtc(d: Date, months: number): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1))
}

export function usagePartitionName(d: Date): string {
  const m = monthStartUtc(d)
  return `usage_events_p${m.getUTCFullYear()}${String(m.getUTCMonth() + 1).padStart(2, '0')}`
}

/**
 * Events before this instant may be dropped: the start of the month `months` months before now's month.
 * So every event younger than `months` whole months is kept (13 keeps this month and the 13 before it,
 * which a year-over-year comparison of last month needs).
 */
export function usageRetentionCutoff(now: Date, months: number): Date {
  if (!Number.isInteger(months) || months < 1) throw new RangeError(`retention must be a whole number of months ≥ 1 (got ${months})`)
  return addMonthsUtc(monthStartUtc(now), -months)
}

/** The months the maintenance job keeps in place: now's month and the `ahead` after it. */
export function monthsToEnsure(now: Date, ahead: number): { from: Date; to: Date } {
  const from = monthStartUtc(now)
  return { from, to: addMonthsUtc(from, ahead) }
}
