import type pg from 'pg'
import { runAudited } from '@/lib/audit/run-audited'
import type { AuditActor } from '@/lib/audit/types'
import type { DbClient } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { Decimal } from '@/lib/pricing/decimal'

export type ReconciliationSettings = {
  /** Percent, exact decimal string; default 95. */
  captureThresholdPercent: string
  alertTeam: { id: number; slug: string } | null
}

export const DEFAULT_CAPTURE_THRESHOLD = '95'

export async function loadReconciliationSettings(pool: pg.Pool): Promise<ReconciliationSettings> {
  const { rows } = await pool.query<{ threshold: string; team_id: number | null; slug: string | null }>(
    `SELECT s.capture_threshold_percent::text AS threshold, t.id AS team_id, t.slug
       FROM reconciliation_settings s LEFT JOIN teams t ON t.id = s.alert_team_id WHERE s.id = 1`,
  )
  const row = rows[0]
  if (!row) return { captureThresholdPercent: DEFAULT_CAPTURE_THRESHOLD, alertTeam: null }
  return {
    captureThresholdPercent: new Decimal(row.threshold).toFixed(),
    alertTeam: row.team_id !== null && row.slug !== null ? { id: row.team_id, slug: row.slug } : null,
  }
}

/** Admin-only (the caller checks settings:manage). Audited; the threshold is a percent in (0, 100]. */
export async function saveReconciliationSettings(
  db: DbClient,
  input: { thresholdPercent: string; alertTeamSlug: string | null; actor: AuditActor },
): Promise<void> {
  let threshold: Decimal
  try {
    threshold = new Decimal(input.thresholdPercent.trim())
  } catch {
    threshold = new Decimal(Number.NaN)
  }
  if (!threshold.isFinite() || threshold.lte(0) || threshold.gt(100) || threshold.decimalPlaces() > 2) {
    throw new AppError('invalid', `The threshold must be a percent above 0 and at most 100, such as 95 or 97.5 (at most 2 decimals), not "${input.thresholdPercent}".`, { field: 'thresholdPercent' })
  }
  await runAudited(db, input.actor, async (tx) => {
    const team = input.alertTeamSlug ? await tx.team.findUnique({ where: { slug: input.alertTeamSlug }, select: { id: true, slug: true } }) : null
    if (input.alertTeamSlug && !team) throw new AppError('not_found', `unknown team '${input.alertTeamSlug}'`, { field: 'alertTeamSlug' })
    const before = await tx.reconciliationSettings.findUnique({ where: { id: 1 } })
    const data = { captureThresholdPercent: threshold.toFixed(), alertTeamId: team?.id ?? null, updatedAt: new Date() }
    await tx.reconciliationSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data })
    return {
      result: undefined,
      audit: {
        action: 'reconciliation.settings',
        entityType: 'reconciliation_settings',
        entityId: 1,
        before: before ? { thresholdPercent: before.captureThresholdPercent.toFixed(), alertTeamId: before.alertTeamId } : null,
        after: { thresholdPercent: threshold.toFixed(), alertTeam: team?.slug ?? null },
      },
    }
  })
}
