import { Decimal } from '@/lib/pricing/decimal'
import type { AlertDraft } from './plan-team-alerts'

export type CaptureFacts = {
  /** Capture per provider per UTC day (lib/bills dailyCapture). */
  days: readonly { date: string; provider: string; billed_usd: string; tracked_usd: string; capture_rate: string | null }[]
  /** Percent, e.g. "95". */
  thresholdPercent: string
  /** The team whose webhook receives reconciliation alerts. */
  alertTeam: { id: number; slug: string }
}

/**
 * One alert per provider per day whose capture rate (tracked ÷ billed) is below the threshold: that day
 * some spend went untracked. The key holds provider and day, so re-importing the bill never re-alerts.
 */
export function planCaptureAlerts(f: CaptureFacts): AlertDraft[] {
  const threshold = new Decimal(f.thresholdPercent).dividedBy(100)
  return f.days
    .filter((d) => d.capture_rate !== null && new Decimal(d.capture_rate).lt(threshold))
    .map((d) => {
      const percent = new Decimal(d.capture_rate as string).times(100).toDecimalPlaces(2).toFixed()
      return {
        teamId: f.alertTeam.id,
        kind: 'capture_rate' as const,
        dedupeKey: `capture:${d.provider}:${d.date}`,
        message: `${d.provider} billed $${new Decimal(d.billed_usd).toDecimalPlaces(2).toFixed(2)} on ${d.date}, but only $${new Decimal(d.tracked_usd).toDecimalPlaces(2).toFixed(2)} was tracked: a capture rate of ${percent}%, below the ${f.thresholdPercent}% threshold. Some calls are not being reported.`,
        data: { provider: d.provider, day: d.date, billed_usd: d.billed_usd, tracked_usd: d.tracked_usd, capture_rate: d.capture_rate, threshold_percent: f.thresholdPercent },
      }
    })
}
