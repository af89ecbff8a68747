'use server'

import { revalidatePath } from 'next/cache'
import { can } from '@/lib/auth/permissions'
import { prisma } from '@/lib/db'
import { isAppError } from '@/lib/errors'
import { logger } from '@/lib/logger'
import { closeMonth } from '@/lib/reports/close-month'
import type { CloseMonthState } from '@/components/reports/close-month-form'
import { getCurrentUser } from '../require-user'

/** Freezes every open team's statement for the month. Refuses the current (or a future) month. */
export async function closeMonthAction(_prev: CloseMonthState, formData: FormData): Promise<CloseMonthState> {
  const month = String(formData.get('month') ?? '')
  const user = await getCurrentUser()
  if (!user) return { status: 'error', message: 'Your session has ended: sign in again.' }
  if (!can(user.role, 'months:close')) return { status: 'error', message: `Your role (${user.role}) may not close a month.` }
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return { status: 'error', message: 'Pick a month (YYYY-MM).' }
  try {
    const result = await closeMonth(prisma, { month, actor: { id: user.id, name: user.email } })
    revalidatePath('/reports')
    const n = result.closed.length
    return { status: 'ok', message: `Closed ${month} for ${n} team${n === 1 ? '' : 's'}: their statements are frozen.` }
  } catch (err) {
    if (isAppError(err)) return { status: 'error', message: err.message }
    logger.error({ err, month }, 'close month failed')
    return { status: 'error', message: 'Something went wrong; the month was not closed.' }
  }
}
