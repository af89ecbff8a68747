'use server'

import { revalidatePath } from 'next/cache'
import { acceptPriceDrift } from '@/lib/bills/price-drift'
import { saveReconciliationSettings } from '@/lib/bills/reconciliation-settings'
import { pool, prisma } from '@/lib/db'
import { formText } from '@/components/ui/form-data'
import { formAction } from '../form-action'

export type PriceDriftValues = { provider: string; date: string; model: string }
export type AcceptedDrift = { runId: number; versionId: number }

/** A person confirmed the implied price: add it as a price version (audited) and start a re-price dry run. */
export const acceptPriceDriftAction = formAction<PriceDriftValues, PriceDriftValues, null, AcceptedDrift>({
  what: 'add the implied price',
  values: (fd) => ({ provider: formText(fd, 'provider').trim(), date: formText(fd, 'date').trim(), model: formText(fd, 'model').trim() }),
  allow: ['bills:read', 'prices:write'],
  run: async ({ values, actor }) => {
    const { proposal, versionId, repriceRunId } = await acceptPriceDrift(prisma, pool, { ...values, actor })
    revalidatePath('/models', 'layout')
    revalidatePath('/reconciliation')
    return {
      message: `Added the implied price for ${proposal.model} from ${proposal.date} (× ${proposal.factor}). The re-price dry run shows what it would change; nothing is re-priced until you apply it.`,
      runId: repriceRunId,
      versionId,
    }
  },
})

export type CaptureSettingsValues = { threshold: string; alertTeam: string }

/** Admin: the daily capture-rate threshold and the team whose webhook receives capture alerts. */
export const saveReconciliationSettingsAction = formAction<CaptureSettingsValues>({
  what: 'save the settings',
  // As typed, so a refused form gives it back; trimmed on the way in.
  values: (fd) => ({ threshold: formText(fd, 'threshold'), alertTeam: formText(fd, 'alertTeam') }),
  allow: ['settings:manage'],
  rename: { thresholdPercent: 'threshold', alertTeamSlug: 'alertTeam' },
  run: async ({ values, actor }) => {
    const alertTeam = values.alertTeam.trim()
    await saveReconciliationSettings(prisma, { thresholdPercent: values.threshold.trim(), alertTeamSlug: alertTeam === '' ? null : alertTeam, actor })
    revalidatePath('/reconciliation')
    return { message: 'Saved the capture-rate alert settings.', keepValues: true }
  },
})
