'use server'

import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { prisma } from '@/lib/db'
import { closeMonth } from '@/lib/reports/close-month'
import { formValues } from '@/components/ui/form-data'
import { formAction } from '../form-action'

/** Freezes every open team's statement for the month. Refuses the current (or a future) month. */
export const closeMonthAction = formAction({
  what: 'close the month',
  values: (fd) => formValues(fd, ['month']),
  allow: ['months:close'],
  deniedAs: 'close a month',
  schema: z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Pick a month (YYYY-MM).') }),
  invalid: 'Pick a month (YYYY-MM).',
  run: async ({ input, actor }) => {
    const result = await closeMonth(prisma, { month: input.month, actor })
    revalidatePath('/reports')
    const n = result.closed.length
    return { message: `Closed ${input.month} for ${n} team${n === 1 ? '' : 's'}: their statements are frozen.` }
  },
})
