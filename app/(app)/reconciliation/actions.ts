'use server'

import { revalidatePath } from 'next/cache'
import { acceptPriceDrift } from '@/lib/bills/price-drift'
import { saveReconciliationSettings } from '@/lib/bills/reconciliation-settings'
import { pool, prisma } from '@/lib/db'
import { actionErrorMessage, actionUser } from '../settings/action-guard'

export type AcceptDriftState = { status: 'idle' | 'ok' | 'error'; message: string | null; runId?: number; versionId?: number }

const field = (fd: FormData, name: string) => String(fd.get(name) ?? '').trim()

/** A person confirmed the implied price: add it as a price version (audited) and start a re-price dry run. */
export async function acceptPriceDriftAction(_prev: AcceptDriftState, formData: FormData): Promise<AcceptDriftState> {
  const gate = await actionUser('bills:read', 'prices:write')
  if ('denied' in gate) return { status: 'error', message: gate.denied }
  try {
    const { proposal, versionId, repriceRunId } = await acceptPriceDrift(prisma, pool, {
      provider: field(formData, 'provider'),
      date: field(formData, 'date'),
      model: field(formData, 'model'),
      actor: gate.actor,
    })
    revalidatePath('/models', 'layout')
    revalidatePath('/reconciliation')
    return {
      status: 'ok',
      message: `Added the implied price for ${proposal.model} from ${proposal.date} (× ${proposal.factor}). The re-price dry run shows what it would change; nothing is re-priced until you apply it.`,
      runId: repriceRunId,
      versionId,
    }
  } catch (err) {
    return { status: 'error', message: actionErrorMessage(err, 'add the implied price') }
  }
}

export type CaptureSettingsState = { status: 'idle' | 'ok' | 'error'; message: string | null }

/** Admin: the daily capture-rate threshold and the team whose webhook receives capture alerts. */
export async function saveReconciliationSettingsAction(_prev: CaptureSettingsState, formData: FormData): Promise<CaptureSettingsState> {
  const gate = await actionUser('settings:manage')
  if ('denied' in gate) return { status: 'error', message: gate.denied }
  try {
    const team = field(formData, 'alertTeam')
    await saveReconciliationSettings(prisma, { thresholdPercent: field(formData, 'threshold'), alertTeamSlug: team === '' ? null : team, actor: gate.actor })
    revalidatePath('/reconciliation')
    return { status: 'ok', message: 'Saved the capture-rate alert settings.' }
  } catch (err) {
    return { status: 'error', message: actionErrorMessage(err, 'save the settings') }
  }
}
