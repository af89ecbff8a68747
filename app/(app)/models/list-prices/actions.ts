'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { can } from '@/lib/auth/permissions'
import { pool, prisma } from '@/lib/db'
import { isAppError } from '@/lib/errors'
import { logger } from '@/lib/logger'
import { switchToListPrices } from '@/lib/pricing/switch-to-list-prices'
import { isUtcDay } from '@/lib/time/utc-days'
import type { SwitchListPricesState } from '@/components/models/switch-list-prices-form'
import { getCurrentUser } from '../../require-user'

/** Imports the bundled list prices from the chosen day and starts the re-price of the usage since. */
export async function switchListPricesAction(_prev: SwitchListPricesState, formData: FormData): Promise<SwitchListPricesState> {
  const user = await getCurrentUser()
  if (!user) return { status: 'error', message: 'Your session has ended: sign in again.' }
  if (!can(user.role, 'prices:write') || !can(user.role, 'prices:reprice')) return { status: 'error', message: `Your role (${user.role}) may not change prices.` }
  const day = String(formData.get('effectiveDate') ?? '')
  if (!isUtcDay(day)) return { status: 'error', message: `The effective date must be a day as YYYY-MM-DD (got '${day}').` }
  let runId: number | null
  try {
    const { repriceRunId } = await switchToListPrices(prisma, pool, { dryRun: false, effectiveFrom: new Date(`${day}T00:00:00Z`), actor: { id: user.id, name: user.email } })
    runId = repriceRunId
  } catch (err) {
    if (isAppError(err)) return { status: 'error', message: err.message }
    logger.error({ err }, 'switch to list prices failed')
    return { status: 'error', message: 'Something went wrong; no price was changed.' }
  }
  revalidatePath('/', 'layout')
  redirect(runId === null ? '/models' : `/models/reprice?run=${runId}`)
}
